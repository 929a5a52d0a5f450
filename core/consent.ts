/**
 * The consent rule (docs/design.md): an integration lists categories; an event is delivered only if
 * every listed category is `true` in `context.consent`. No categories listed: always delivered.
 *
 * @example consentAllows(['analytics'], { analytics: true, marketing: false }) // → true
 */
export function consentAllows(
  required: readonly string[] | undefined,
  consent: Record<string, unknown> | undefined,
): boolean {
  if (!required || required.length === 0) return true;
  if (!consent) return false;
  return required.every((category) => consent[category] === true);
}
