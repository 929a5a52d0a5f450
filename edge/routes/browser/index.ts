/**
 * Browser endpoints (Datafly.js): `POST /v1/t|p|i|g` — track, page, identify, group.
 * Key in `k` or `X-Datafly-Key`; body JSON (as `text/plain` or `application/json`), canonical
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
import { keyCheck } from '../../middleware/key-check/index.js';
import type { EdgeEnv } from '../../types.js';
import { TYPE_LETTERS } from '../../wire/index.js';

const PATH = '/v1/:type{[tpig]}';

export const browser = new Hono<EdgeEnv>();

browser.use(PATH, keyCheck({ from: ['query', 'header'] }), corsForKey({ methods: ['POST'] }));

browser.post(PATH, body({ maxBytes: LIMITS.eventBytes }), identity(), async (c) => {
  const raw = singleEvent(parseJsonBody(c.get('rawBody')));
  const result = prepareEvent(raw, {
    kind: 'browser',
    type: TYPE_LETTERS[c.req.param('type')]!,
    key: c.get('key'),
    request: c.get('request'),
    identity: c.get('identity'),
    fromBrowser: true,
    newId: c.get('deps').uuid,
  });
  if (!result.ok) throw invalidEvent(result.issues);
  return c.json(await forwardOne(c.get('bridge'), result.envelope));
});
