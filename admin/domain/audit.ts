/**
 * Every change is written to the audit log and announced on the config channel, inside the
 * transaction that makes it: NOTIFY is delivered on commit only, so listeners never see a change
 * that was rolled back.
 */
import { sql } from 'drizzle-orm';
import type { Caller } from '../context.js';
import { CONFIG_CHANNEL, type ConfigChange, type Tx } from '../../core/db/client.js';

import { auditLog } from '../../core/db/schema/index.js';

interface ChangeEntry {
  action: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
}

/**
 * @example await recordChange(tx, caller, { action: 'pipeline.update', entityType: 'pipeline', entityId: pid });
 */
export async function recordChange(
  tx: Tx,
  caller: Pick<Caller, 'orgId' | 'tokenId'>,
  entry: ChangeEntry,
  at: Date,
): Promise<void> {
  await tx.insert(auditLog).values({
    orgId: caller.orgId,
    actor: caller.tokenId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    details: entry.details ?? {},
    createdAt: at,
  });
  const change: ConfigChange = { kind: entry.entityType, id: entry.entityId, org_id: caller.orgId };
  await tx.execute(sql`select pg_notify(${CONFIG_CHANNEL}, ${JSON.stringify(change)})`);
}
