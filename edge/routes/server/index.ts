/**
 * Server-side events: `POST /v1/events`, one event in canonical field names, authenticated by
 * a server key in `X-Datafly-Key` plus `X-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>` with one of
 * the key's `hmac_secrets`. No cookies, no CORS; the event's own context (ip, user agent) is
 * kept. Answers `200 {"ok":true,"event_id":…}` once stored.
 */
import { Hono } from 'hono';
import { LIMITS } from '../../../core/event/index.js';
import { forwardOne, invalidEvent, prepareEvent, singleEvent } from '../../ingest/index.js';
import { body, parseJsonBody } from '../../middleware/body/index.js';
import { keyCheck } from '../../middleware/key-check/index.js';
import { hmacSignature } from '../../middleware/signature/index.js';
import type { EdgeEnv } from '../../types.js';

export const server = new Hono<EdgeEnv>();

server.post(
  '/v1/events',
  keyCheck({ from: ['header'], kinds: ['server'] }),
  body({ maxBytes: LIMITS.eventBytes }),
  hmacSignature(),
  async (c) => {
    const raw = singleEvent(parseJsonBody(c.get('rawBody')));
    const result = prepareEvent(raw, {
      kind: 'server',
      key: c.get('key'),
      request: c.get('request'),
      fromBrowser: false,
      newId: c.get('deps').uuid,
    });
    if (!result.ok) throw invalidEvent(result.issues);
    return c.json(await forwardOne(c.get('bridge'), result.envelope));
  },
);
