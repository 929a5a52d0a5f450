/**
 * `GET /v1/link?k=<browser key>[&l=<token the page arrived with>]`: link tokens for the visitor (its `_dfid` cookie, minted if
 * missing) to each of the organisation's declared domains, `{"t":{host: token},"ttl":120}`
 * (docs/identity.md). Datafly.js (`init({ links: true })`) decorates links to those hosts with
 * `_dfl=<token>`. Browser keys only, CORS with credentials; never cached.
 */
import { Hono } from 'hono';
import { LINK_TTL_SECONDS } from '../../../core/identity/link-token.js';
import { corsForKey } from '../../middleware/cors/index.js';
import { identity } from '../../middleware/identity/index.js';
import { carryOverToken, hostOf, mintLinkTokens } from '../../middleware/identity/link.js';
import { keyCheck } from '../../middleware/key-check/index.js';
import type { EdgeEnv } from '../../types.js';

export const link = new Hono<EdgeEnv>();

link.use(
  '/v1/link',
  keyCheck({ from: ['query', 'header'], kinds: ['browser'] }),
  corsForKey({ methods: ['GET'] }),
);
link.get('/v1/link', identity(), async (c) => {
  const {
    key,
    identity: id,
    deps,
  } = { key: c.get('key'), identity: c.get('identity'), deps: c.get('deps') };
  const origin = c.req.header('origin');
  // `l`: the token the page itself arrived with (this request may be the visitor's first here).
  const arrived = c.req.query('l');
  const here = hostOf(origin);
  if (arrived && here)
    await carryOverToken(arrived, { key, identity: id, host: here, now: deps.now() });
  const t = await mintLinkTokens({ key, dfid: id.anonymous_id, origin, now: deps.now() });
  c.header('cache-control', 'no-store');
  return c.json({ t, ttl: LINK_TTL_SECONDS });
});
