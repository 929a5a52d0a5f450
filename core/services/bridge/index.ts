/**
 * The Kafka REST bridge as a `{ start, close }` service: `npm run bridge` runs it alone, the
 * all-in-one local start embeds it (passing its own bus so that everything shares one
 * in-process log).
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createBus } from '../../bus/index.js';
import { createLogger, type Logger } from '../../log/index.js';
import type { Bus } from '../../bus/types.js';
import { retryUntil } from '../../bus/retry.js';
import { createBatcher } from './batcher.js';
import { createBridgeApp } from './app.js';
import type { BridgeConfig } from './config.js';
import { LIVE_RETENTION_MS, LIVE_TRACE } from '../../topics.js';

export { loadBridgeConfig } from './config.js';

interface BridgeDeps {
  /** Use this bus instead of creating one from `KAFKA_BROKERS` (not closed by `close`). */
  bus?: Bus;
  log?: Logger;
}

export interface Bridge {
  /**
   * Listen, then create the allow-listed topics (tried until Kafka answers; `/readyz` says 503
   * until then, produce calls fail fast); resolves with the bound port.
   */
  start(): Promise<{ port: number }>;
  /** Stop accepting, finish in-flight produces, disconnect from Kafka. */
  close(): Promise<void>;
}

/**
 * @example
 * const bridge = createBridge(loadBridgeConfig(process.env));
 * const { port } = await bridge.start();
 */
export function createBridge(config: BridgeConfig, deps: BridgeDeps = {}): Bridge {
  const log = deps.log ?? createLogger('bridge', config.LOG_LEVEL);
  const ownsBus = !deps.bus;
  const bus =
    deps.bus ??
    createBus({
      kafkaBrokers: config.KAFKA_BROKERS,
      kafkaClient: config.KAFKA_CLIENT,
      clientId: 'datafly-bridge',
    });
  const batcher = createBatcher(bus, { maxQueuedRecords: config.BRIDGE_MAX_QUEUED_RECORDS });
  let ready = false;
  let closed = false;
  const app = createBridgeApp({
    deadlineMs: config.BRIDGE_DEADLINE_MS,
    ready: () => ready,
    bus,
    batcher,
    token: config.BRIDGE_TOKEN,
    topics: config.BRIDGE_TOPICS,
    maxBodyBytes: config.BRIDGE_MAX_BODY_BYTES,
    log,
  });
  let server: ServerType | undefined;

  return {
    async start() {
      const port = await new Promise<number>((resolve, reject) => {
        server = serve(
          { fetch: app.fetch, port: config.PORT, hostname: config.HOST },
          (info: AddressInfo) => resolve(info.port),
        );
        server.once('error', reject);
      });
      log('info', 'listening', {
        port,
        topics: config.BRIDGE_TOPICS,
        bus: config.KAFKA_BROKERS.length > 0 ? 'kafka' : 'memory',
      });
      // The live trace keeps its short retention whoever creates it first (the bridge or admin).
      const topics = config.BRIDGE_TOPICS.map((topic) => ({
        topic,
        partitions: config.BRIDGE_TOPIC_PARTITIONS,
        ...(topic === LIVE_TRACE ? { retentionMs: LIVE_RETENTION_MS } : {}),
      }));
      await retryUntil('creating the bridge topics', () => bus.createTopics(topics), {
        log,
        stopped: () => closed,
      });
      ready = !closed;
      return { port };
    },
    async close() {
      closed = true;
      const s = server;
      server = undefined;
      if (s) {
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          if ('closeIdleConnections' in s) s.closeIdleConnections();
        });
      }
      await batcher.drain();
      if (ownsBus) await bus.close();
      log('info', 'closed');
    },
  };
}
