/**
 * Automation platforms whose secret is the hook URL itself (Make, Pipedream, Zapier; catalog auth
 * kind `url_secret` in docs/vendors/more-vendors-and-catalog.md §18): one event per `POST`, as a
 * flat JSON object a no-code step can read (name, id, type, timestamp, ids, properties, traits,
 * context). The URL setting is checked against the platform's pattern and rewritten to the exact
 * URL requested, so logs scrub it whole; a vendor says how a match becomes the request.
 */
import { DataflyError } from '../../errors/index.js';
import type { DeclaredMapping } from './declaration.js';
import type { SpecHooks } from './interpret.js';
import type { DeliverySpecInput } from './schema.js';
import { CANONICAL_NAMES, standardEvents } from './standard.js';

/** The item: the event's own fields, then the mapped ids, properties, traits and context. */
export const HOOK_EVENT_ITEM: DeliverySpecInput['item'] = {
  fields: {
    event: '{{vendor_event}}',
    event_id: '{{event.event_id}}',
    type: '{{event.type}}',
    timestamp: '{{event.timestamp}}',
  },
};

/** The item's fields and the default mapping (the canonical event names, everything else kept). */
export const hookEventMapping: DeclaredMapping = {
  fields: [
    { path: 'event', required: true, auto: true, description: 'The event’s name.' },
    { path: 'event_id', required: true, auto: true, description: 'The event id.' },
    { path: 'timestamp', required: true, auto: true, description: 'When it happened (ISO-8601).' },
    { path: 'user_id', required: false, description: 'Your user id.' },
    { path: 'anonymous_id', required: false, description: 'Anonymous id.' },
    { path: 'properties', required: false, description: 'Event properties.' },
    { path: 'traits', required: false, description: 'User traits.' },
    { path: 'context', required: false, description: 'Context: page, ip, user agent, campaign…' },
  ],
  defaults: {
    global: ['user_id', 'anonymous_id', 'properties', 'traits', 'context'].map((k) => ({
      source: k,
      target: k,
    })),
    events: standardEvents(CANONICAL_NAMES),
    defaults: { action: 'pass_through' },
  },
};

/**
 * The settings hook for a `webhook_url` setting: a URL that does not match `pattern` is a
 * `config_error` naming the setting and saying what is expected; a match is handed to `use`, which
 * sets the derived parameters and returns the exact URL the requests go to.
 */
export function hookUrlSettings(
  pattern: RegExp,
  expected: string,
  use: (match: RegExpExecArray, params: Record<string, unknown>) => string,
): Required<Pick<SpecHooks, 'settings'>> {
  return {
    settings(params) {
      const m = pattern.exec(String(params.webhook_url ?? '').trim());
      if (!m)
        throw new DataflyError('config_error', `webhook_url: not ${expected}`, {
          field: 'parameters.webhook_url',
        });
      params.webhook_url = use(m, params);
    },
  };
}
