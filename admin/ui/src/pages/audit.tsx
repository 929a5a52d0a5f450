/** The audit log: every change, newest first (admins). */
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { useCan } from '../lib/session';
import { Button, Empty, FormError, Loading, PageHeader, when } from '../lib/ui';

export function AuditPage() {
  const can = useCan();
  const log = useInfiniteQuery({
    queryKey: ['audit'],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      ok(
        api.GET('/v1/admin/audit-log', {
          params: { query: { limit: 50, ...(pageParam ? { before: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) =>
      page.entries.length === 50 ? page.entries[page.entries.length - 1]!.id : undefined,
    enabled: can('admin'),
  });
  if (!can('admin'))
    return (
      <>
        <PageHeader title="Audit log" />
        <Empty>The audit log is visible to admins.</Empty>
      </>
    );
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <>
      <PageHeader title="Audit log" subtitle="Every change to configuration, newest first." />
      {log.isLoading && <Loading />}
      <FormError error={log.error} />
      <div className="card table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
              <th>On</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{when(e.created_at)}</td>
                <td>
                  <code>{e.actor}</code>
                </td>
                <td>{e.action}</td>
                <td>
                  {e.entity_type} <code>{e.entity_id}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {log.hasNextPage && (
        <Button busy={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
          Older entries
        </Button>
      )}
    </>
  );
}
