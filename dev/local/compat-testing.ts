/**
 * The world the Segment/RudderStack SDK tests run in: the edge Worker in workerd (Miniflare,
 * port 0), the Kafka REST bridge on the in-process bus, and one pipeline key that is both a
 * browser key (allowed origins) and a server key (a secret). Events are read back from the
 * bus's raw-events topic, as the processor would read them.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBridge, loadBridgeConfig } from '../../core/services/bridge/index.js';
import { silentLogger } from '../../core/log/index.js';
import { createMemoryBus } from '../../core/bus/memory.js';
import { readUntil } from '../../core/testkit/bus.js';
import type { Envelope } from '../../core/event/index.js';
import { serializeKeyRecord } from '../../core/keys/index.js';
import { RAW_EVENTS } from '../../core/topics.js';
import { startLocalEdge } from './edge.js';

export interface CompatWorld {
  edgeUrl: string;
  /** The public pipeline key (browser SDKs). */
  keyId: string;
  /** A server key of the same source and its secret, joined by a dot (server SDKs). */
  serverWriteKey: string;
  /** Wait for the envelopes `match` picks on raw-events until there are `count`. */
  envelopes(match: (e: Envelope) => boolean, count: number): Promise<Envelope[]>;
  close(): Promise<void>;
}

/**
 * @example const world = await startCompatWorld({ allowedOrigins: ['http://localhost:1234'] })
 */
export async function startCompatWorld(options: {
  allowedOrigins: string[];
}): Promise<CompatWorld> {
  const dataDir = await mkdtemp(join(tmpdir(), 'datafly-compat-'));
  const bus = createMemoryBus({ defaultPartitions: 1 });
  const token = randomBytes(16).toString('hex');
  const bridge = createBridge(
    loadBridgeConfig({ BRIDGE_TOKEN: token, PORT: '0', HOST: '127.0.0.1' }),
    { bus, log: silentLogger },
  );
  const { port } = await bridge.start();
  const edge = await startLocalEdge({
    dataDir,
    port: 0,
    bridgeUrl: `http://127.0.0.1:${port}`,
    bridgeToken: token,
  });
  const keyId = `dk_compat_${randomBytes(6).toString('hex')}`;
  const serverKeyId = `dk_compat_srv_${randomBytes(6).toString('hex')}`;
  const secret = randomBytes(16).toString('hex');
  const source = {
    v: 1,
    pipeline_id: 'pip_compat',
    org_id: 'org_compat',
    source_id: 'src_compat',
    status: 'active',
  } as const;
  await edge.keys.put(
    keyId,
    serializeKeyRecord({ ...source, kind: 'browser', allowed_origins: options.allowedOrigins }),
  );
  await edge.keys.put(
    serverKeyId,
    serializeKeyRecord({ ...source, kind: 'server', hmac_secrets: [secret] }),
  );
  return {
    edgeUrl: edge.url,
    keyId,
    serverWriteKey: `${serverKeyId}.${secret}`,
    async envelopes(match, count) {
      const messages = await readUntil(
        bus,
        [RAW_EVENTS],
        (ms) => ms.filter((m) => match(JSON.parse(m.value) as Envelope)).length >= count,
        30_000,
      );
      return messages.map((m) => JSON.parse(m.value) as Envelope).filter(match);
    },
    async close() {
      await edge.close();
      await bridge.close();
      await bus.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
