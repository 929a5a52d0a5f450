/**
 * The commit point of one integration's worker: each message read is counted in, and resolved
 * only once its outcome is durable; a partition is committed through the lowest message still
 * unresolved (OffsetTracker, offsets.ts), with one commit in flight per partition and later
 * watermarks folded into the next one. A refused commit keeps its watermark and is tried again, so
 * the commit point never passes a message whose outcome is not durable
 * (docs/delivery-guarantees.md, "The commit point").
 */
import type { BusMessage, Consumer } from '../../bus/types.js';
import { OffsetTracker } from './offsets.js';
import type { WorkerLog } from './outcomes.js';

/** Refused commits of one watermark tried again before it is left to the next one. */
const MAX_COMMIT_REFUSALS = 30;
/** The longest wait between tries of a refused commit. */
const COMMIT_MAX_WAIT_MS = 2_000;

interface CommitPointOptions {
  /** The consumer that read a topic (undefined before the worker starts). */
  consumerFor: (topic: string) => Consumer | undefined;
  /** Told of the messages resolved together before their watermarks are committed (flow control). */
  resolved: (raws: readonly BusMessage[]) => void;
  /** Keeps a background task until the worker closes. */
  track: (task: Promise<void>) => void;
  isClosing: () => boolean;
  log: WorkerLog;
}

/**
 * @example
 * const commits = new CommitPoint({ consumerFor, resolved: () => {}, track, isClosing, log });
 * commits.read(raw); … commits.resolve([raw]); // commits through raw once those before it resolve
 */
export class CommitPoint {
  private readonly tracker = new OffsetTracker();
  /** Partition → the watermark waiting for the commit in flight to finish. */
  private readonly commits = new Map<string, { latest: string | undefined }>();

  constructor(private readonly o: CommitPointOptions) {}

  /** Count a message in (in the order it was read). */
  read(raw: BusMessage): void {
    this.tracker.add(raw.topic, raw.partition, raw.offset);
  }

  /** These messages' outcomes are durable: commit through each once every earlier one is. */
  resolve(raws: readonly BusMessage[]): void {
    /** Partition → its highest watermark that moved (watermarks only rise). */
    let moved: Map<string, { raw: BusMessage; through: string }> | undefined;
    for (const raw of raws) {
      const through = this.tracker.resolve(raw.topic, raw.partition, raw.offset);
      if (through !== undefined)
        (moved ??= new Map()).set(`${raw.topic}:${raw.partition}`, { raw, through });
    }
    this.o.resolved(raws);
    for (const { raw, through } of moved?.values() ?? []) {
      const consumer = this.o.consumerFor(raw.topic);
      if (consumer) this.commitLater(consumer, raw.topic, raw.partition, through);
    }
  }

  /** One commit in flight per partition; later watermarks coalesce into the next one. */
  private commitLater(consumer: Consumer, topic: string, partition: number, through: string): void {
    const key = `${topic}:${partition}`;
    const state = this.commits.get(key);
    if (state) {
      state.latest = through;
      return;
    }
    const s: { latest: string | undefined } = { latest: through };
    this.commits.set(key, s);
    this.o.track(
      (async () => {
        let refusals = 0;
        try {
          while (s.latest !== undefined) {
            const offset = s.latest;
            s.latest = undefined;
            try {
              await consumer.commit(topic, partition, offset);
              refusals = 0;
            } catch (e) {
              // A refused commit (broker restarting, rebalance) keeps its watermark: every
              // offset through it is durable, so it is tried again unless a later one replaces
              // it. The tracker keeps the partition: forgetting it would let the commit point
              // pass messages still waiting on retry timers. Given up after a while, nothing is
              // lost either: the group re-reads from its last commit.
              s.latest ??= offset;
              if (this.o.isClosing() || ++refusals > MAX_COMMIT_REFUSALS) throw e;
              await new Promise((r) =>
                setTimeout(r, Math.min(250 * 2 ** refusals, COMMIT_MAX_WAIT_MS)),
              );
            }
          }
        } catch (e) {
          this.o.log('warn', 'commit refused', { topic, partition, error: String(e) });
        } finally {
          this.commits.delete(key);
        }
      })(),
    );
  }
}
