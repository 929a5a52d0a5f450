/**
 * Adjust server-to-server events, declared (facts: docs/vendors/more-vendors-and-catalog.md §11, from
 * dev.adjust.com's S2S API and S2S events pages): `POST https://s2s.adjust.com/event` with a
 * form-encoded body, one event per request: `s2s=1`, the app token, the 6-character event token
 * (Adjust names events by dashboard token, not by name), a device id (`idfa`, `gps_adid`, `adid`,
 * `web_uuid` from the Web SDK…), `created_at_unix` in seconds, `ip_address`, `user_agent`,
 * `environment` (`sandbox` in test mode), `revenue` + `currency`, and `callback_params` as a JSON
 * object of strings. With S2S Security on, `Authorization: Bearer <token>`. Success is `OK`; errors are
 * `{"error":"Event request failed (…)"}`; "Ignoring event, earlier unique event tracked" (400) means
 * the unique event was already counted, so it counts as delivered.
 *
 * Events without any device id are not held back: the standard web events carry none, and Adjust
 * refuses them itself (404 "Device not found" / 400), with the reason shown per event.
 *
 * Unverified: the exact text of the duplicate-unique-event answer, the rate limit (none published).
 */
import type { Envelope } from '../../event/index.js';
import { isRecord } from '../../json/index.js';
import type { MappingRow } from '../../mapping/config.js';
import { declareVendor } from '../spec/declared.js';
import { standardEvents, valueRows } from '../spec/standard.js';

const GLOBAL: MappingRow[] = [
  { source: 'context.vendor_ids.adjust_adid', target: 'adid' },
  { source: 'context.vendor_ids.adjust_web_uuid', target: 'web_uuid' },
  { source: 'context.ip', target: 'ip_address' },
  { source: 'context.user_agent', target: 'user_agent' },
];

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** The advertising id under Adjust's name for the platform (`idfa` on iOS, `gps_adid` on Android), from a mobile context. */
function advertisingId(e: Envelope): Record<string, string> {
  const ctx = e.context as Record<string, unknown>;
  const device = isRecord(ctx.device) ? ctx.device : {};
  const id = str(device.advertising_id);
  if (!id) return {};
  const os = (
    str(isRecord(ctx.os) ? ctx.os.name : undefined) ??
    str(device.type) ??
    ''
  ).toLowerCase();
  if (os === 'ios' || os === 'ipados') return { idfa: id.toUpperCase() };
  if (os === 'android') return { gps_adid: id.toLowerCase() };
  return {};
}

/** What the registry holds for Adjust. */
export const adjust = declareVendor(
  {
    id: 'adjust',
    name: 'Adjust',
    category: 'attribution',
    description:
      'Sends in-app events and revenue to Adjust for mobile attribution, identified by your dashboard event tokens.',
    api: 'S2S events (s2s.adjust.com/event)',
    docs: 'https://dev.adjust.com/en/api/s2s-api/events/',
    status: 'ga',
    keywords: ['mmp', 'mobile attribution', 's2s', 'app events'],
    test_settings: {
      app_token: '4w565xzmb54d',
      s2s_token: 'test-adjust-token',
      event_tokens: {
        page_view: 'aaaaaa',
        view_item: 'bbbbbb',
        add_to_cart: 'cccccc',
        begin_checkout: 'dddddd',
        purchase: 'f0ob4r',
        lead: 'eeeeee',
        sign_up: 'gggggg',
        search: 'hhhhhh',
      },
    },
    settings: [
      {
        key: 'app_token',
        label: 'App token',
        type: 'string',
        help: 'The app’s token from the Adjust dashboard (12 characters).',
        pattern: { regex: '^[A-Za-z0-9]+$', message: 'must be the app token (letters and digits)' },
      },
      {
        key: 'event_tokens',
        label: 'Event tokens',
        type: 'json',
        required: false,
        default: {},
        help: 'Event name as in the event map (purchase, add_to_cart, …) → its 6-character Adjust event token.',
      },
      {
        key: 's2s_token',
        label: 'S2S Security token',
        type: 'secret',
        required: false,
        help: 'The token Adjust issues when S2S Security is on (sent as a Bearer token).',
      },
      {
        key: 'environment',
        label: 'Environment',
        type: 'select',
        required: false,
        options: ['production', 'sandbox'],
        default: 'production',
        help: 'Adjust environment; test mode always uses sandbox.',
      },
    ],
    spec: {
      endpoint: {
        base_url: 'https://s2s.adjust.com',
        path: '/event',
        test_mode: { item: { environment: 'sandbox' } },
      },
      auth: {
        kind: 'first_of',
        options: [
          { when: ['s2s_token'], auth: { kind: 'bearer', token: '{{settings.s2s_token}}' } },
          { when: ['app_token'], auth: { kind: 'none' } },
        ],
      },
      body: { encoding: 'form', wrapper: '{{item}}' },
      item: {
        fields: {
          s2s: '1',
          app_token: '{{settings.app_token}}',
          event_token: '{{vendor_event}}',
          created_at_unix: '{{event.timestamp | to_unix_seconds}}',
          environment: '{{settings.environment}}',
        },
      },
      batching: { max_events: 1, max_bytes: 1_000_000 },
      rate_limit_rps: 50,
      answer: {
        error_message: ['error'],
        // A unique event Adjust already counted: a repeat, not a failure.
        body_codes: [
          {
            path: 'error',
            values: ['Event request failed (Ignoring event, earlier unique event tracked)'],
            outcome: 'ok',
          },
        ],
      },
    },
    mapping: {
      fields: [
        {
          path: 'event_token',
          required: true,
          auto: true,
          description:
            'Adjust event token (from Event tokens, or the event map’s name when it is a token).',
        },
        { path: 'created_at_unix', required: true, auto: true, description: 'Unix seconds.' },
        {
          path: 'idfa',
          required: false,
          description: 'iOS advertising id (context.device.advertising_id on iOS).',
        },
        {
          path: 'gps_adid',
          required: false,
          description: 'Google advertising id (context.device.advertising_id on Android).',
        },
        { path: 'adid', required: false, description: 'Adjust device id.' },
        { path: 'web_uuid', required: false, description: 'Web SDK id.' },
        { path: 'ip_address', required: false, description: 'Device IP.' },
        { path: 'user_agent', required: false, description: 'Device user agent.' },
        {
          path: 'revenue',
          required: false,
          requiredFor: ['purchase'],
          description: 'Revenue amount.',
        },
        { path: 'currency', required: false, requiredFor: ['purchase'], description: 'ISO 4217.' },
        {
          path: 'callback_params',
          required: false,
          description: 'Your callback parameters (string values).',
        },
        {
          path: 'partner_params',
          required: false,
          description: 'Parameters forwarded to partners (string values).',
        },
      ],
      defaults: {
        global: GLOBAL,
        events: standardEvents(
          {
            page_view: 'page_view',
            view_item: 'view_item',
            add_to_cart: 'add_to_cart',
            begin_checkout: 'begin_checkout',
            purchase: 'purchase',
            lead: 'lead',
            sign_up: 'sign_up',
            search: 'search',
          },
          (e) =>
            e === 'purchase'
              ? [
                  ...valueRows('revenue', 'currency'),
                  {
                    source: ['properties.order_id', 'properties.transaction_id'],
                    target: 'callback_params.order_id',
                    transforms: ['to_string'],
                  },
                ]
              : [],
        ),
        defaults: { action: 'drop' },
      },
    },
    variants: [
      {
        key: 'sandbox',
        name: 'Sandbox',
        description: 'Events go to Adjust’s sandbox environment (app still in development).',
        defaults: { environment: 'sandbox' },
      },
    ],
    unverified: ['exact text of the "earlier unique event tracked" answer'],
  },
  {
    hooks: {
      // The event map names the event; the integration's table turns the name into Adjust's token (a name that already is a token passes).
      item: (item, event, params) => {
        const tokens = isRecord(params.event_tokens) ? params.event_tokens : {};
        const name = String(item.event_token);
        const token = str(tokens[name]) ?? (/^[a-z0-9]{6}$/.test(name) ? name : undefined);
        if (!token) return `no Adjust event token for "${name}" (add it to Event tokens)`;
        Object.assign(item, advertisingId(event), { event_token: token });
      },
    },
  },
);
