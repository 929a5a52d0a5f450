/**
 * Browser endpoints (Datafly.js): `POST /v1/t|p|i|g` — track, page, identify, group.
 * Browser keys only, in `k` or `X-Datafly-Key`; body JSON (as `text/plain` or `application/json`), canonical
 * field names or the compact wire form (edge/wire); CORS from the key's allowed origins;
 * first-party cookies on success. Answers `200 {"ok":true,"event_id":…}` once the bridge
 * stored the event.
 */
import { Hono } from 'hono';
import { LIMITS } from '../../../core/event/index.js';
import { forwardOne, invalidEvent, prepareEvent, singleEvent } from '../../ingest/index.js';
import { body, parseJsonBody } from '../../middleware/body/index.js';
import { corsForKey } from '../../middleware/cors/index.js';
import { identity } from '../../middleware/identity/index.js';
import { acceptLinkToken } from '../../middleware/identity/link.js';
import { keyCheck } from '../../middleware/key-check/index.js';
import type { EdgeEnv } from '../../types.js';
import { TYPE_LETTERS } from '../../wire/index.js';

export const browser = new Hono<EdgeEnv>();

// Four plain paths rather than one `/v1/:type{[tpig]}` pattern: Hono's fast RegExpRouter
// keeps serving the whole app only when every route is one it supports.
for (const [letter, type] of Object.entries(TYPE_LETTERS)) {
  const path = `/v1/${letter}`;
  browser.use(
    path,
    keyCheck({ from: ['query', 'header'], kinds: ['browser'] }),
    corsForKey({ methods: ['POST'] }),
  );
  browser.post(path, body({ maxBytes: LIMITS.eventBytes }), identity(), async (c) => {
    const raw = singleEvent(parseJsonBody(c.get('rawBody')));
    const key = c.get('key');
    // Only a key with a link secret takes cross-domain link tokens (no promise for the others).
    if (key.link_secret)
      await acceptLinkToken(raw, {
        key,
        identity: c.get('identity'),
        origin: c.req.header('origin'),
        now: c.get('deps').now(),
      });
    const result = prepareEvent(raw, {
      kind: 'browser',
      type,
      key,
      request: c.get('request'),
      identity: c.get('identity'),
      fromBrowser: true,
      newId: c.get('deps').uuid,
    });
    if (!result.ok) throw invalidEvent(result.issues);
    return c.json(await forwardOne(c.get('bridge'), result.envelope));
  });
}
