/**
 * What the processor does with the graph for one event (docs/identity.md):
 *
 * - any identifier of the event erased on request → the event is dropped (suppression);
 * - consent for learning (`learn_consent`, default `analytics`) withheld → nothing is learned or
 *   read, and the event gets no `context.identity`;
 * - otherwise the graph learns the event's identifiers and the event gets
 *   `context.identity.person_id`, plus the person's hashed email/phone when consent for sharing
 *   (`share_consent`, default `marketing`) is given too.
 *
 * A `context.identity` the client sent is never trusted: it is replaced (or removed).
 */
import type { IdentitySettings } from '../config-store/types.js';
import { consentAllows } from '../consent.js';
import { identifiersOf } from './identifiers.js';
import type { IdentityGraph, ShareableKind } from './types.js';

/** Per organisation, in the org data layer's `identity` (core/config-store/types.ts). */

export const DEFAULT_IDENTITY_SETTINGS: IdentitySettings = {
  enabled: true,
  learn_consent: ['analytics'],
  share_consent: ['marketing'],
};

/** What the processor adds under `context.identity`. */
type ContextIdentity = { person_id: string } & Partial<Record<ShareableKind, string>>;

type IdentityOutcome =
  | { kind: 'suppressed' }
  /** `identity` undefined: nothing to add (no identifiers, or no consent to learn). */
  | { kind: 'ok'; identity?: ContextIdentity; learned: boolean };

interface EventLike {
  anonymous_id?: string | undefined;
  user_id?: string | undefined;
  traits?: Record<string, unknown> | undefined;
  context?:
    | {
        consent?: Record<string, boolean> | undefined;
        vendor_ids?: Record<string, string> | undefined;
        click_ids?: Record<string, string> | undefined;
        identity_hop?: unknown;
      }
    | undefined;
}

/**
 * @example
 * const outcome = await resolveIdentity(graph, DEFAULT_IDENTITY_SETTINGS, 'org_1', event, Date.now());
 * if (outcome.kind === 'ok' && outcome.identity) event.context.identity = outcome.identity;
 */
export async function resolveIdentity(
  graph: IdentityGraph,
  settings: IdentitySettings,
  orgId: string,
  event: EventLike,
  at: number,
): Promise<IdentityOutcome> {
  const ids = identifiersOf(event);
  if (ids.length === 0) return { kind: 'ok', learned: false };
  const consent = event.context?.consent;
  if (!consentAllows(settings.learn_consent, consent)) {
    return (await graph.suppressed(orgId, ids))
      ? { kind: 'suppressed' }
      : { kind: 'ok', learned: false };
  }
  const resolution = await graph.observe(orgId, ids, at);
  if (resolution.kind === 'suppressed') return { kind: 'suppressed' };
  if (resolution.kind === 'unknown') return { kind: 'ok', learned: false };
  const share = consentAllows(settings.share_consent, consent);
  return {
    kind: 'ok',
    learned: true,
    identity: { person_id: resolution.person_id, ...(share ? resolution.hashed : {}) },
  };
}
