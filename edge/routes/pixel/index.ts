/**
 * Tracking pixel: `GET /v1/pixel/{type}` (`t|p|i|g` or `track|page|identify|group`), key in
 * `k` (browser keys only), event fields in the query. Always answers the 43-byte transparent GIF
 * with no-store caching — on errors too, with the error's status code. Sets the identity
 * cookies. `HEAD` answers the GIF and records nothing.
 *
 * Query → event: `event` (or `e`), `name`, `event_id`, `user_id` (or `u`), `anonymous_id`,
 * `group_id`, `timestamp`; `url`, `ref`/`referrer`, `title` → `context.page`;
 * `p.NAME`/`properties.NAME` → properties, `tr.NAME`/`traits.NAME` → traits; click ids and
 * `utm_*` → context; any other parameter → properties (as strings).
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { DataflyError } from '../../../core/errors/index.js';
import { CLICK_ID_PARAMS, EVENT_TYPES, type EventType } from '../../../core/event/index.js';
import { forwardOne, invalidEvent, prepareEvent } from '../../ingest/index.js';
import { identity } from '../../middleware/identity/index.js';
import { keyCheck } from '../../middleware/key-check/index.js';
import type { EdgeEnv } from '../../types.js';
import { TYPE_LETTERS } from '../../wire/index.js';
import { gifResponse } from './gif.js';

const TOP: Readonly<Record<string, string>> = {
  event: 'event',
  e: 'event',
  name: 'name',
  event_id: 'event_id',
  user_id: 'user_id',
  u: 'user_id',
  anonymous_id: 'anonymous_id',
  group_id: 'group_id',
  timestamp: 'timestamp',
};
const PAGE: Readonly<Record<string, string>> = {
  url: 'url',
  ref: 'referrer',
  referrer: 'referrer',
  title: 'title',
};
const MAX_PARAMS = 100;

/**
 * Build a raw event from pixel query parameters.
 *
 * @example eventFromQuery(new URLSearchParams('e=Email+Opened&p.campaign=spring&u=42'))
 *   // → { event: 'Email Opened', user_id: '42', properties: { campaign: 'spring' }, context: {} }
 */
function eventFromQuery(params: URLSearchParams): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  const properties: Record<string, string> = {};
  const traits: Record<string, string> = {};
  const page: Record<string, string> = {};
  let n = 0;
  for (const [name, value] of params) {
    if (++n > MAX_PARAMS)
      throw new DataflyError('invalid_request', `more than ${MAX_PARAMS} query parameters`, {
        field: '(query)',
      });
    if (name === 'k' || CLICK_ID_PARAMS[name] !== undefined || name.startsWith('utm_')) continue;
    if (TOP[name]) event[TOP[name]] = value;
    else if (PAGE[name]) page[PAGE[name]] = value;
    else if (name.startsWith('p.') || name.startsWith('properties.'))
      properties[name.slice(name.indexOf('.') + 1)] = value;
    else if (name.startsWith('tr.') || name.startsWith('traits.'))
      traits[name.slice(name.indexOf('.') + 1)] = value;
    else properties[name] = value;
  }
  if (Object.keys(properties).length) event.properties = properties;
  if (Object.keys(traits).length) event.traits = traits;
  event.context = Object.keys(page).length ? { page } : {};
  return event;
}

export const pixel = new Hono<EdgeEnv>();

pixel.use('/v1/pixel/*', async (c, next) => {
  c.set('format', 'gif');
  await next();
});

// Hono answers HEAD through the GET route; a HEAD (link checkers, mail scanners) records nothing
// and sets no cookie.
const headRecordsNothing: MiddlewareHandler<EdgeEnv> = async (c, next) =>
  c.req.method === 'HEAD' ? gifResponse(200) : next();

pixel.get(
  '/v1/pixel/:type',
  keyCheck({ from: ['query'], kinds: ['browser'] }),
  headRecordsNothing,
  identity(),
  async (c) => {
    const name = c.req.param('type');
    const type: EventType | undefined =
      TYPE_LETTERS[name] ??
      ((EVENT_TYPES as readonly string[]).find((t) => t === name) as EventType | undefined);
    if (!type)
      throw new DataflyError(
        'invalid_request',
        `unknown pixel type ${name.slice(0, 40)}; use t, p, i, g or track, page, identify, group`,
        { field: 'type' },
      );
    const url = new URL(c.req.url);
    const result = prepareEvent(eventFromQuery(url.searchParams), {
      kind: 'pixel',
      type,
      key: c.get('key'),
      request: c.get('request'),
      identity: c.get('identity'),
      fromBrowser: true,
      newId: c.get('deps').uuid,
    });
    if (!result.ok) throw invalidEvent(result.issues);
    await forwardOne(c.get('bridge'), result.envelope);
    return gifResponse(200);
  },
);
