/**
 * Masking of personal data in trace steps, for watchers whose role may not see it raw.
 * Values under personal-data keys (email, phone, names, address, IP, user agent, user ids and
 * the vendors' short keys for them) are replaced; SHA-256 hashes stay (they are what vendors
 * receive and what a person compares). Strings holding JSON (request and response bodies) are
 * masked inside; other strings lose e-mail addresses and IP addresses.
 */
import type { TraceStep } from './step.js';

export const MASK = '[masked]';

// Personal-data key names, one group of alternatives per kind of data (matched whole, any case).
const PII_KEY_GROUPS = [
  'e-?mail|email_address|emails?|em',
  'phone|phone_number|mobile|ph',
  'first_?name|last_?name|full_?name|fn|ln|given_name|family_name',
  'address|street|address_line_?\\d|city|ct|state|st|postal_code|zip|zip_?code|zp',
  'dob|date_of_birth|birthday|db',
  'ip|ip_address|client_ip_address|user_agent|client_user_agent',
  'user_id|userid|anonymous_id|external_id|person_id',
];
const PII_KEY = new RegExp(`^(${PII_KEY_GROUPS.join('|')})$`, 'i');
const SHA256 = /^[a-f0-9]{64}$/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;

const maskLeaf = (value: unknown): unknown =>
  typeof value === 'string' && SHA256.test(value)
    ? value
    : value === null || value === undefined || value === ''
      ? value
      : MASK;

function maskString(text: string): string {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(maskValue(JSON.parse(text) as unknown));
    } catch {
      // Not JSON after all (or cut short): fall through to the pattern masks.
    }
  }
  return text.replace(EMAIL, MASK).replace(IPV4, MASK);
}

/**
 * A copy with personal data masked.
 *
 * @example maskValue({ traits: { email: 'a@b.co', plan: 'pro' } }) // → { traits: { email: '[masked]', plan: 'pro' } }
 */
export function maskValue(value: unknown, underPii = false): unknown {
  if (Array.isArray(value)) return value.map((v) => maskValue(v, underPii));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskValue(v, underPii || PII_KEY.test(k));
    return out;
  }
  if (underPii) return maskLeaf(value);
  return typeof value === 'string' ? maskString(value) : value;
}

/** A step as a watcher without the right to raw personal data sees it. */
export function maskStep(step: TraceStep): TraceStep {
  return {
    ...step,
    ...(step.user_id ? { user_id: MASK } : {}),
    ...(step.anonymous_id ? { anonymous_id: MASK } : {}),
    summary: maskString(step.summary),
    data: maskValue(step.data) as Record<string, unknown>,
  };
}
