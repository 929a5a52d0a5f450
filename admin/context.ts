/** What every admin route can reach: the database, the KV writer, the clock and id source. */
import { newId } from '../core/ids.js';
import type { Database } from '../core/db/client.js';
import type { Role } from '../core/db/schema/index.js';
import type { KeyValueWriter } from './kv/types.js';
import type { LiveHub } from './live/hub.js';
import type { TargetAllowList } from '../core/net/targets.js';

export interface AdminDeps {
  database: Database;
  kv: KeyValueWriter;
  now: () => Date;
  newId: (prefix: string) => string;
  /** The live debugger (`GET /v1/admin/live`); absent where no bus is reachable. */
  live?: LiveHub;
  /**
   * Private hosts a saved URL may point at (`ADMIN_ALLOW_PRIVATE_TARGETS`; `*` for all): none by
   * default, so webhooks and custom specs cannot reach the platform's own network (core/net/targets.ts).
   */
  allowPrivateTargets: TargetAllowList;
}

/** The caller, established by the bearer-token middleware. */
export interface Caller {
  tokenId: string;
  orgId: string;
  role: Role;
}

export interface AdminEnv {
  Variables: { deps: AdminDeps; caller: Caller };
}

/**
 * Fill in the defaults (system clock, random ids).
 *
 * @example const deps = adminDeps({ database, kv: memoryKv() });
 */
export function adminDeps(
  parts: Pick<AdminDeps, 'database' | 'kv'> & Partial<AdminDeps>,
): AdminDeps {
  return {
    now: () => new Date(),
    newId: (prefix) => newId(prefix),
    allowPrivateTargets: [],
    ...parts,
  };
}
