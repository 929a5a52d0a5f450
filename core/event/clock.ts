/**
 * Clock-skew correction. A client's clock may be off; it stamps each event (`timestamp`) and the
 * request (`sent_at`) with that same clock, and the server stamps `received_at`. Assuming the
 * request travels quickly, the skew is `received_at - sent_at`, and the corrected event time is
 * `timestamp + skew`.
 *
 * @example correctTimestamp('2026-01-01T00:00:00Z', '2026-01-01T00:00:10Z', '2026-01-01T01:00:10Z')
 *   // → '2026-01-01T01:00:00.000Z' (the client clock was one hour slow)
 */
export function correctTimestamp(
  timestamp: string | undefined,
  sentAt: string | undefined,
  receivedAt: string,
): string {
  const received = Date.parse(receivedAt);
  const ts = timestamp === undefined ? NaN : Date.parse(timestamp);
  if (Number.isNaN(ts)) return new Date(received).toISOString();
  const sent = sentAt === undefined ? NaN : Date.parse(sentAt);
  if (Number.isNaN(sent)) return new Date(ts).toISOString();
  return new Date(ts + (received - sent)).toISOString();
}
