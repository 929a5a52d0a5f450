/**
 * Bearer-token authentication and role checks. Tokens are stored as SHA-256 hashes; roles are
 * ordered viewer < editor < admin (seed: viewer reads, editor changes, admin manages tokens).
 */
import { createHash } from 'node:crypto';
import { and, count, eq, isNull } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { DataflyError } from '../../core/errors/index.js';
import type { AdminDeps, AdminEnv } from '../context.js';
import { apiTokens, organisations, ROLES, type Role } from '../../core/db/schema/index.js';

/** @example hashToken('dfa_abc') // → 64 hex chars */
export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/** A new random API token (shown to its creator once). @example newToken(deps) // → 'dfa_…' */
export const newToken = (deps: Pick<AdminDeps, 'newId'>): string =>
  deps.newId('dfa') + deps.newId('x').slice(2);

/** True when `role` grants at least `min`. @example atLeast('editor', 'viewer') // → true */
export const atLeast = (role: Role, min: Role): boolean =>
  ROLES.indexOf(role) >= ROLES.indexOf(min);

/** `last_used_at` is refreshed at most this often (one write per token per interval, not per request). */
const LAST_USED_RESOLUTION_MS = 5 * 60 * 1000;

/** The subprotocol a browser WebSocket names to carry its token (browsers cannot set headers there). */
const WS_TOKEN_PROTOCOL_PREFIX = 'bearer.';

/**
 * The bearer token of a request: `Authorization: Bearer …`, or for a WebSocket upgrade a
 * `Sec-WebSocket-Protocol` entry `bearer.<token>`.
 */
function bearerToken(
  header: string | undefined,
  protocols: string | undefined,
  upgrade: string | undefined,
): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (match) return match[1];
  if (upgrade?.toLowerCase() !== 'websocket' || !protocols) return undefined;
  const entry = protocols
    .split(',')
    .map((p) => p.trim())
    .find((p) => p.startsWith(WS_TOKEN_PROTOCOL_PREFIX));
  return entry?.slice(WS_TOKEN_PROTOCOL_PREFIX.length) || undefined;
}

/** Resolves `Authorization: Bearer …` to the caller; 401 when missing, unknown or revoked. */
export function authenticate(): MiddlewareHandler<AdminEnv> {
  return async function authenticate(c, next) {
    const token = bearerToken(
      c.req.header('authorization'),
      c.req.header('sec-websocket-protocol'),
      c.req.header('upgrade'),
    );
    if (!token)
      throw new DataflyError(
        'unauthorized',
        'missing bearer token (Authorization: Bearer <token>)',
      );
    const { db } = c.var.deps.database;
    const [row] = await db
      .select({
        id: apiTokens.id,
        orgId: apiTokens.orgId,
        role: apiTokens.role,
        lastUsedAt: apiTokens.lastUsedAt,
      })
      .from(apiTokens)
      .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
      .limit(1);
    if (!row) throw new DataflyError('unauthorized', 'invalid or revoked token');
    const now = c.var.deps.now();
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
    }
    c.set('caller', { tokenId: row.id, orgId: row.orgId, role: row.role });
    await next();
  };
}

/** 403 unless the caller's role is at least `min`. @example middleware: [requireRole('editor')] */
export function requireRole(min: Role): MiddlewareHandler<AdminEnv> {
  return async function requireRole(c, next) {
    if (!atLeast(c.var.caller.role, min))
      throw new DataflyError('forbidden', `this needs the ${min} role or above`);
    await next();
  };
}

/**
 * On a database without tokens, make `token` the first admin token (and create the first
 * organisation if there is none). Does nothing once any token exists. Returns whether it acted.
 *
 * @example await bootstrapAdmin(deps, config.ADMIN_BOOTSTRAP_TOKEN)
 */
export async function bootstrapAdmin(deps: AdminDeps, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  return deps.database.db.transaction(async (tx) => {
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(apiTokens);
    if (n > 0) return false;
    let [org] = await tx.select({ id: organisations.id }).from(organisations).limit(1);
    const now = deps.now();
    if (!org) {
      org = { id: deps.newId('org') };
      await tx
        .insert(organisations)
        .values({ id: org.id, name: 'Default organisation', createdAt: now, updatedAt: now });
    }
    await tx.insert(apiTokens).values({
      id: deps.newId('tok'),
      orgId: org.id,
      name: 'bootstrap',
      role: 'admin',
      tokenHash: hashToken(token),
      tokenPrefix: token.slice(0, 8),
      createdAt: now,
    });
    return true;
  });
}
