/** The dead-letter queue of one integration: filter, inspect (last response), replay selected or filtered, export. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, download, ok, type Schemas } from '../api/client';
import { useCan } from '../lib/session';
import { Badge, Button, Empty, FormError, Loading, Modal, when } from '../lib/ui';

type Filter = { reason?: string; status?: Schemas['DlqEntry']['status'] };

export function DeadLetterQueue({ integrationId }: { integrationId: string }) {
  const [reason, setReason] = useState('');
  const [status, setStatus] = useState<Filter['status'] | ''>('dead');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<Schemas['DlqEntry'] | null>(null);
  const can = useCan();
  const queryClient = useQueryClient();
  const filter = {
    ...(reason.trim() ? { reason: reason.trim() } : {}),
    ...(status ? { status } : {}),
  };
  const list = useQuery({
    queryKey: ['dlq', integrationId, filter],
    queryFn: () =>
      ok(
        api.GET('/v1/admin/integrations/{integration_id}/dlq', {
          params: { path: { integration_id: integrationId }, query: { ...filter, limit: 100 } },
        }),
      ),
    refetchInterval: 3000,
  });
  const replay = useMutation({
    mutationFn: (body: { ids: string[] } | { filter: { reason?: string } }) =>
      ok(
        api.POST('/v1/admin/integrations/{integration_id}/dlq/replay', {
          params: { path: { integration_id: integrationId } },
          body: { ...body, revision: 'current' },
        }),
      ),
    onSuccess: async () => {
      setSelected(new Set());
      await queryClient.invalidateQueries({ queryKey: ['dlq', integrationId] });
    },
  });
  const exportAll = useMutation({
    mutationFn: async () => {
      const q = new URLSearchParams(filter as Record<string, string>).toString();
      const blob = await download(
        `/v1/admin/integrations/${integrationId}/dlq/export${q ? `?${q}` : ''}`,
      );
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `dlq-${integrationId}.ndjson`;
      a.click();
      URL.revokeObjectURL(a.href);
    },
  });
  const entries = list.data?.entries ?? [];
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <section className="stack" aria-label="Dead letter queue">
      <div className="card">
        <div className="row wrap">
          <p className="grow">
            <strong data-testid="dlq-depth">{list.data?.depth ?? '…'}</strong> events waiting in the
            dead letter queue. Fix the cause (and update the pipelines to the fixed revision), then
            replay: events are re-sent with the revision each pipeline uses now.
          </p>
          <Button busy={exportAll.isPending} onClick={() => exportAll.mutate()}>
            Export (NDJSON)
          </Button>
        </div>
        <div className="row wrap">
          <input
            type="search"
            aria-label="Filter by reason or error code"
            placeholder="Reason or code, e.g. timeout"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <select
            aria-label="Status"
            value={status}
            onChange={(e) => setStatus(e.target.value as Filter['status'] | '')}
          >
            <option value="">Any status</option>
            <option value="dead">Waiting</option>
            <option value="replay_requested">Replay requested</option>
            <option value="replaying">Replaying</option>
            <option value="replayed">Replayed</option>
          </select>
          {can('editor') && (
            <>
              <Button
                variant="primary"
                disabled={selected.size === 0}
                busy={replay.isPending && 'ids' in (replay.variables ?? {})}
                onClick={() => replay.mutate({ ids: [...selected] })}
              >
                Replay selected ({selected.size})
              </Button>
              <Button
                disabled={entries.length === 0}
                busy={replay.isPending && 'filter' in (replay.variables ?? {})}
                onClick={() =>
                  replay.mutate({ filter: reason.trim() ? { reason: reason.trim() } : {} })
                }
              >
                Replay all {reason.trim() ? 'matching' : 'waiting'}
              </Button>
            </>
          )}
        </div>
        {replay.isSuccess && (
          <p role="status" className="note">
            Replay requested for {replay.data.requested} events; they are re-sent within a few
            seconds.
          </p>
        )}
        <FormError error={replay.error ?? exportAll.error ?? list.error} />
      </div>
      {list.isLoading ? (
        <Loading />
      ) : entries.length === 0 ? (
        <Empty>Nothing here. Failed deliveries land here after their last retry.</Empty>
      ) : (
        <div className="card table-scroll">
          <table className="table">
            <thead>
              <tr>
                {can('editor') && <th aria-label="Select" />}
                <th>Failed</th>
                <th>Event</th>
                <th>Reason</th>
                <th>Last status</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  {can('editor') && (
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Select ${e.event_id}`}
                        checked={selected.has(e.id)}
                        onChange={() => toggle(e.id)}
                        disabled={e.status !== 'dead'}
                      />
                    </td>
                  )}
                  <td>{when(e.failed_at)}</td>
                  <td>
                    <button className="link-button" onClick={() => setOpen(e)}>
                      {e.event_id}
                    </button>
                  </td>
                  <td>
                    <code>{e.code}</code> <span className="small">{e.reason}</span>
                  </td>
                  <td>{e.last_status ?? '—'}</td>
                  <td>
                    <Badge
                      tone={e.status === 'replayed' ? 'good' : e.status === 'dead' ? 'bad' : 'info'}
                    >
                      {e.status.replace('_', ' ')}
                    </Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Modal
        open={!!open}
        onOpenChange={(o) => !o && setOpen(null)}
        title={`Dead-lettered event ${open?.event_id ?? ''}`}
      >
        {open && (
          <div className="stack">
            <dl className="facts">
              <dt>Reason</dt>
              <dd>
                <code>{open.code}</code> {open.reason}
              </dd>
              <dt>Attempts</dt>
              <dd>{open.attempts}</dd>
              <dt>First attempt</dt>
              <dd>{when(open.first_attempt_at)}</dd>
              <dt>Last status</dt>
              <dd>{open.last_status ?? 'no response'}</dd>
            </dl>
            <h3>Last response</h3>
            <pre tabIndex={0} className="code">
              {open.last_response ?? '(none)'}
            </pre>
            <h3>Event</h3>
            <pre tabIndex={0} className="code">
              {JSON.stringify(open.event, null, 2)}
            </pre>
          </div>
        )}
      </Modal>
    </section>
  );
}
