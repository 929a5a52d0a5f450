/**
 * Replay on the current revision: a dead-lettered delivery message names the revision it was
 * formatted with, so replaying it after a fix saved as a new revision would fail the same way.
 * Before such a replay, each selected `dead` entry is moved to the revision its pipeline
 * integration uses now (the entry's row and the revision id inside its message).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { DeliveryOpsStore, DlqEntry, DlqFilter } from '../../../core/dedup/delivered.js';
import type { Db } from '../../../core/db/client.js';
import { deliveryDlq, pipelineIntegrations } from '../../../core/db/schema/index.js';

const PAGE = 500;

async function selected(
  store: DeliveryOpsStore,
  integrationId: string,
  select: { ids: string[] } | { filter: DlqFilter },
): Promise<DlqEntry[]> {
  if ('ids' in select) {
    const found = await Promise.all(select.ids.map((id) => store.getDlq(integrationId, id)));
    return found.filter((e): e is DlqEntry => !!e && e.status === 'dead');
  }
  const out: DlqEntry[] = [];
  let before: DlqFilter['before'];
  for (;;) {
    const page = await store.listDlq(integrationId, {
      ...select.filter,
      status: 'dead',
      limit: PAGE,
      before,
    });
    out.push(...page);
    if (page.length < PAGE) return out;
    const last = page[page.length - 1]!;
    before = { failed_at: last.failed_at, id: last.id };
  }
}

/** Returns how many entries moved to a newer revision. @example await retargetToCurrentRevision(db, store, 'tmpl_1', { ids: ['dlq_1'] }) */
export async function retargetToCurrentRevision(
  db: Db,
  store: DeliveryOpsStore,
  integrationId: string,
  select: { ids: string[] } | { filter: DlqFilter },
): Promise<number> {
  const entries = await selected(store, integrationId, select);
  if (entries.length === 0) return 0;
  const assignments = await db
    .select({ id: pipelineIntegrations.id, revisionId: pipelineIntegrations.revisionId })
    .from(pipelineIntegrations)
    .where(
      and(
        eq(pipelineIntegrations.integrationId, integrationId),
        inArray(pipelineIntegrations.id, [
          ...new Set(entries.map((e) => e.pipeline_integration_id)),
        ]),
      ),
    );
  const current = new Map(assignments.map((a) => [a.id, a.revisionId]));
  let moved = 0;
  for (const e of entries) {
    const revisionId = current.get(e.pipeline_integration_id);
    if (!revisionId || revisionId === e.revision_id) continue;
    const message = JSON.parse(e.message) as Record<string, unknown>;
    await db
      .update(deliveryDlq)
      .set({ revisionId, message: JSON.stringify({ ...message, revision_id: revisionId }) })
      .where(and(eq(deliveryDlq.id, e.id), eq(deliveryDlq.status, 'dead')));
    moved += 1;
  }
  return moved;
}
