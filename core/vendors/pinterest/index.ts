/**
 * The Pinterest Conversions API vendor: its declaration (declaration.ts) through the Delivery Spec
 * interpreter, answered by its own contract double (double.ts: Pinterest's exact messages).
 *
 * @example
 * const s = pinterest.parseSettings({ ad_account_id: '549755885175', access_token: 'pina_…', test_mode: true });
 * pinterest.format([event], s, { testMode: false }).requests[0].url // → '…/v5/ad_accounts/549755885175/events?test=true'
 */
import { declareVendor } from '../spec/declared.js';
import { pinterestDeclaration } from './declaration.js';
import { checkPinterestRequest } from './double.js';

export * from './declaration.js';

/** What the registry holds for Pinterest. */
export const pinterestVendor = declareVendor(pinterestDeclaration, {
  double: {
    check: (req) => checkPinterestRequest(req),
    // Pinterest answers 200 with a per-event status; failed events name their problem.
    inBodyProblems: (body) => {
      let events: unknown;
      try {
        events = (JSON.parse(body) as { events?: unknown }).events;
      } catch {
        return [];
      }
      if (!Array.isArray(events)) return [];
      return events.flatMap((e: unknown, i) => {
        const ev = e as { status?: unknown; error_message?: unknown };
        return ev.status === 'failed' ? [`events[${i}]: ${String(ev.error_message)}`] : [];
      });
    },
  },
});

/** The Pinterest vendor definition. */
export const pinterest = pinterestVendor.definition;

/** Pinterest's default mapping, as the engine sees it (fields, identity-kit transforms, defaults). */
export const pinterestMapping = pinterest.mapping!;
