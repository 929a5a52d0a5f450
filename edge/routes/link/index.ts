/**
 * `GET /v1/link?k=<browser key>`: link tokens for the visitor (its `_dfid` cookie, minted if
 * missing) to each of the organisation's declared domains, `{"t":{host: token},"ttl":120}`
 * (docs/identity.md). Datafly.js (`init({ links: true })`) decorates links to those hosts with
 * `_dfl=<token>`. Browser keys only, CORS with credentials; never cached.
 */
import { Hono } from 'hono';
import { LINK_TTL_SECONDS } from '../../../core/identity/link-token.js';
import { corsForKey } from '../../middleware/cors/index.js';
import { identity } from '../../middleware/identity/index.js';
import { mintLinkTokens } from '../../middleware/identity/link.js';
import { keyCheck } from '../../middleware/key-check/index.js';
import { requireKeyKind } from '../../middleware/key-kind/index.js';
import type { EdgeEnv } from '../../types.js';

export const link = new Hono<EdgeEnv>();

link.use('/v1/link', keyCheck({ from: ['query', 'header'] }), requireKeyKind('browser'), corsForKey({ methods: ['GET'] }));
link.get('/v1/link', identity(), async (c) => {
  const t = await mintLinkTokens({ key: c.get('key'), dfid: c.get('identity').anonymous_id, origin: c.req.header('origin'), now: c.get('deps').now() });
  c.header('cache-control', 'no-store');
  return c.json({ t, ttl: LINK_TTL_SECONDS });
});
