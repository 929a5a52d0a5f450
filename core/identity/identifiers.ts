/**
 * The identifiers an event carries, as the graph stores them: `user_id`, `anonymous_id` (the
 * `_dfid`), email and phone from the traits (normalised by core/identity-kit, then SHA-256; a
 * value that already is a SHA-256 digest passes through), the edge's vendor ids
 * (`context.vendor_ids`) and click ids (`context.click_ids`). Node only (node:crypto).
 */
import { createHash } from 'node:crypto';
import { NORMALISERS, hashWith } from '../identity-kit/index.js';
import type { Identifier } from './types.js';

/** Longer values are not identifiers anyone should link on. */
const MAX_VALUE = 512;
const emailSha256 = hashWith('sha256', NORMALISERS.email);
const phoneSha256 = hashWith('sha256', NORMALISERS.phone_digits);
const phoneE164Sha256 = hashWith('sha256', NORMALISERS.phone_e164);
const SHA256_HEX = /^[a-f0-9]{64}$/i;
const VENDOR_IDS = ['ga_client_id', 'fbp', 'fbc', 'ttp'] as const;

interface EventLike {
  anonymous_id?: string | undefined;
  user_id?: string | undefined;
  traits?: Record<string, unknown> | undefined;
  context?:
    | {
        vendor_ids?: Record<string, string> | undefined;
        click_ids?: Record<string, string> | undefined;
        traits?: unknown;
        identity_hop?: unknown;
      }
    | undefined;
}

const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/**
 * @example
 * identifiersOf({ anonymous_id: 'a1', traits: { email: ' Ann@Example.com ' } })
 * // → [{ kind: 'anonymous_id', value: 'a1' }, { kind: 'email_sha256', value: sha256('ann@example.com') }]
 */
export function identifiersOf(event: EventLike): Identifier[] {
  const out: Identifier[] = [];
  const add = (kind: Identifier['kind'], value: string | undefined): void => {
    if (
      value &&
      value.length <= MAX_VALUE &&
      !out.some((i) => i.kind === kind && i.value === value)
    )
      out.push({ kind, value });
  };
  add('user_id', event.user_id);
  add('anonymous_id', event.anonymous_id);
  // The other domain's `_dfid`, carried by a link token the edge verified (edge/middleware/identity/link.ts).
  const hop = event.context?.identity_hop;
  if (
    typeof hop === 'object' &&
    hop !== null &&
    typeof (hop as { anonymous_id?: unknown }).anonymous_id === 'string'
  )
    add('anonymous_id', (hop as { anonymous_id: string }).anonymous_id);
  const contextTraits = event.context?.traits;
  for (const traits of [
    event.traits,
    typeof contextTraits === 'object' && contextTraits !== null
      ? (contextTraits as Record<string, unknown>)
      : undefined,
  ]) {
    if (!traits) continue;
    const email = text(traits.email);
    if (email) add('email_sha256', emailSha256(email));
    const phone = text(traits.phone);
    if (phone) {
      add('phone_sha256', phoneSha256(phone));
      // A digest's form cannot be told, so it is kept as the digits form only.
      if (!SHA256_HEX.test(phone.trim())) add('phone_e164_sha256', phoneE164Sha256(phone));
    }
  }
  const vendorIds = event.context?.vendor_ids;
  if (vendorIds) for (const k of VENDOR_IDS) add(k, vendorIds[k]);
  const clickIds = event.context?.click_ids;
  if (clickIds)
    for (const [name, value] of Object.entries(clickIds))
      if (value) add('click_id', `${name}:${value}`);
  return out;
}

/**
 * The person id a new person gets: derived from its strongest identifier and the organisation,
 * so replaying an event names the same person.
 *
 * @example personIdFor('org_1', { kind: 'anonymous_id', value: 'a1' }) // → 'per_…' (24 hex)
 */
export function personIdFor(orgId: string, id: Identifier): string {
  return `per_${createHash('sha256').update(`${orgId}\u0000${id.kind}\u0000${id.value}`).digest('hex').slice(0, 24)}`;
}

/**
 * What a suppression record keeps: the SHA-256 of `kind:value`, never the identifier itself.
 *
 * @example suppressionHash({ kind: 'user_id', value: 'u1' }) // → sha256('user_id:u1')
 */
export function suppressionHash(id: Identifier): string {
  return createHash('sha256').update(`${id.kind}:${id.value}`).digest('hex');
}
