/**
 * `POST /v1/webhook?k=dk_…` (webhook keys only) — events from third-party services, signed per the key's
 * `webhook` config (core/keys):
 * - `hmac_sha256`: the configured header (default `x-webhook-signature`) carries the hex
 *   HMAC-SHA256 of the raw body, after an optional prefix (e.g. `sha256=`);
 * - `standard_webhooks`: `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`.
 * A body that is a canonical event (its `type` is page/track/identify/group) is taken as is;
 * anything else becomes a track event named by the config's `event`, else the body's string
 * `type` (e.g. `invoice.paid`), else `Webhook Received`, with the body as its properties. The
 * Standard Webhooks `webhook-id` becomes the `event_id` (deduplication of redeliveries).
 */
import { Hono } from 'hono';
import { DataflyError } from '../../../core/errors/index.js';
import { EVENT_TYPES, LIMITS } from '../../../core/event/index.js';
import { forwardOne, invalidEvent, prepareEvent } from '../../ingest/index.js';
import { body, parseJsonBody } from '../../middleware/body/index.js';
import { keyCheck } from '../../middleware/key-check/index.js';
import { verifyHexHmac, verifyStandardWebhook } from '../../middleware/signature/index.js';
import type { EdgeEnv } from '../../types.js';

const DEFAULT_EVENT = 'Webhook Received';

/**
 * Turn a webhook payload into a raw event.
 *
 * @example
 * webhookEvent({ type: 'invoice.paid', data: {} }, undefined)
 * // → { type: 'track', event: 'invoice.paid', properties: { type: 'invoice.paid', data: {} } }
 */
export function webhookEvent(
  payload: unknown,
  configuredEvent: string | undefined,
): Record<string, unknown> {
  const obj =
    typeof payload === 'object' && payload !== null && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : undefined;
  if (obj && (EVENT_TYPES as readonly unknown[]).includes(obj.type)) return obj;
  const named =
    typeof obj?.type === 'string' && obj.type
      ? obj.type.slice(0, LIMITS.eventNameLength)
      : undefined;
  return {
    type: 'track',
    event: configuredEvent ?? named ?? DEFAULT_EVENT,
    properties: obj ?? { payload },
  };
}

export const webhook = new Hono<EdgeEnv>();

webhook.post(
  '/v1/webhook',
  keyCheck({ from: ['query', 'header'], kinds: ['webhook'] }),
  body({ maxBytes: LIMITS.eventBytes }),
  async (c) => {
    const config = c.get('key').webhook;
    if (!config)
      throw new DataflyError(
        'forbidden',
        'this pipeline key does not accept webhooks (no webhook scheme configured)',
        { field: c.get('keyField') },
      );
    const raw = c.get('rawBody');
    let eventId: string | undefined;
    if (config.scheme === 'hmac_sha256') {
      const header = c.req.header(config.header);
      if (!header)
        throw new DataflyError('invalid_signature', `missing ${config.header} header`, {
          field: config.header,
        });
      if (!(await verifyHexHmac(config.secrets, header.trim(), raw, config.prefix))) {
        throw new DataflyError('invalid_signature', `${config.header} does not match the body`, {
          field: config.header,
        });
      }
    } else {
      const headers = {
        id: c.req.header('webhook-id'),
        timestamp: c.req.header('webhook-timestamp'),
        signature: c.req.header('webhook-signature'),
      };
      const problem = await verifyStandardWebhook(
        config.secrets,
        headers,
        raw,
        c.get('deps').now(),
        config.tolerance_seconds,
      );
      if (problem)
        throw new DataflyError('invalid_signature', problem.message, { field: problem.field });
      eventId = headers.id!.slice(0, LIMITS.idLength);
    }
    const result = prepareEvent(webhookEvent(parseJsonBody(raw), config.event), {
      kind: 'webhook',
      key: c.get('key'),
      request: c.get('request'),
      fromBrowser: false,
      newId: c.get('deps').uuid,
      ...(eventId ? { eventId } : {}),
    });
    if (!result.ok) throw invalidEvent(result.issues);
    return c.json(await forwardOne(c.get('bridge'), result.envelope));
  },
);
