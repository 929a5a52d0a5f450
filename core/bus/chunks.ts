/**
 * Splitting one produce into requests the broker accepts, shared by the Kafka adapters
 * (`kafka.ts`, `platformatic.ts`): each topic's share of a request stays under
 * `message.max.bytes` (1 MB by default, checked per partition batch, and a topic's share bounds
 * each of its partitions), the whole request under 16 MB. Chunks are meant to be sent one after
 * the other, so per-partition order is kept.
 */
/** Default most bytes per topic in one request (under the broker's 1 MB). */
export const TOPIC_REQUEST_BYTES = 900 * 1024;
const TOTAL_REQUEST_BYTES = 16 * 1024 * 1024;

/**
 * Group `items` (in order) into chunks, each at most `limit` bytes per topic and 16 MB in all.
 *
 * @example for (const chunk of chunkByTopic(items, (i) => i.topic, (i) => i.bytes)) await send(chunk);
 */
export function chunkByTopic<T>(
  items: readonly T[],
  topicOf: (item: T) => string,
  sizeOf: (item: T) => number,
  limit = TOPIC_REQUEST_BYTES,
): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let perTopic = new Map<string, number>();
  let total = 0;
  for (const item of items) {
    const topic = topicOf(item);
    const size = sizeOf(item);
    const topicBytes = perTopic.get(topic) ?? 0;
    if (
      total > 0 &&
      ((topicBytes > 0 && topicBytes + size > limit) || total + size > TOTAL_REQUEST_BYTES)
    ) {
      chunks.push(current);
      current = [];
      perTopic = new Map();
      total = 0;
    }
    current.push(item);
    perTopic.set(topic, (perTopic.get(topic) ?? 0) + size);
    total += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
