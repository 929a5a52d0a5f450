// The backbone end to end over HTTP: envelopes POSTed to the bridge (as the edge does) land in
// the raw topic, the processor fans them out to delivery-* topics. On the in-process bus always,
// on the real Kafka broker when TEST_KAFKA_BROKERS is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../log/index.js';
import { busBackends, readMessages, uniqueName, waitFor } from '../../testkit/bus.js';
import type { Bus } from '../../bus/types.js';
import { createBridge, loadBridgeConfig, type Bridge } from '../bridge/index.js';
import { createMemoryConfigStore } from '../../config-store/memory.js';
import { deliveryTopic, type DeliveryMessage } from '../../topics.js';
import { createProcessor, type Processor } from './index.js';

const TOKEN = 'backbone-test-token';

describe.each(busBackends())(
  'edge → bridge → raw → processor → delivery on the $name bus',
  ({ make }) => {
    let bus: Bus;
    let bridge: Bridge;
    let processor: Processor;
    let url: string;
    const raw = uniqueName('raw');
    const tmpl = { a: uniqueName('tmpl-a'), b: uniqueName('tmpl-b'), c: uniqueName('tmpl-c') };

    beforeAll(async () => {
      bus = make();
      const store = createMemoryConfigStore();
      for (const [k, id] of Object.entries(tmpl)) {
        store.setRevision({
          id: `rev_${k}`,
          integration_id: id,
          vendor: 'webhook',
          revision_number: 1,
          config: k === 'c' ? { consent_categories: ['marketing'] } : {},
          delivery_mode: 'server_side',
        });
      }
      store.setPipeline({
        id: 'pip_bb',
        org_id: 'org_bb',
        parameters: {},
        transformations: [],
        integrations: Object.entries(tmpl).map(([k, id]) => ({
          id: `pi_${k}`,
          integration_id: id,
          vendor: 'webhook',
          revision_id: `rev_${k}`,
          enabled: true,
        })),
      });
      bridge = createBridge(
        loadBridgeConfig({ BRIDGE_TOKEN: TOKEN, PORT: '0', HOST: '127.0.0.1', BRIDGE_TOPICS: raw }),
        { bus, log: silentLogger },
      );
      url = `http://127.0.0.1:${(await bridge.start()).port}`;
      processor = createProcessor({
        bus,
        store,
        groupId: uniqueName('proc'),
        rawTopic: raw,
        dlqTopic: uniqueName('dlq'),
        log: silentLogger,
      });
      await processor.start();
    });
    afterAll(async () => {
      await processor.close();
      await bridge.close();
      await bus.close();
    });

    it('delivers every acknowledged event to each integration the consent allows', async () => {
      const envelopes = Array.from({ length: 30 }, (_, i) => ({
        v: 1,
        event_id: `bb-${i}`,
        type: 'page',
        anonymous_id: `anon-${i % 4}`,
        timestamp: '2026-03-01T12:00:00.000Z',
        received_at: '2026-03-01T12:00:00.000Z',
        context: { consent: { marketing: i % 2 === 0 } },
        source: { kind: 'browser', pipeline_id: 'pip_bb', org_id: 'org_bb', source_id: 'src' },
      }));
      for (let i = 0; i < envelopes.length; i += 10) {
        const res = await fetch(`${url}/topics/${raw}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${TOKEN}`,
            'content-type': 'application/vnd.kafka.json.v2+json',
          },
          body: JSON.stringify({
            records: envelopes.slice(i, i + 10).map((e) => ({ key: e.anonymous_id, value: e })),
          }),
        });
        expect(res.status).toBe(200);
      }
      await waitFor(() => processor.stats().received === 30, 'the processor to take all 30 events');
      const ids = async (topic: string, n: number) =>
        (await readMessages(bus, [topic], n))
          .map((m) => (JSON.parse(m.value) as DeliveryMessage).envelope.event_id)
          .sort();
      expect(await ids(deliveryTopic(tmpl.a), 30)).toEqual(envelopes.map((e) => e.event_id).sort());
      expect(await ids(deliveryTopic(tmpl.b), 30)).toHaveLength(30);
      expect(await ids(deliveryTopic(tmpl.c), 15)).toEqual(
        envelopes
          .filter((_, i) => i % 2 === 0)
          .map((e) => e.event_id)
          .sort(),
      );
      expect(processor.stats()).toMatchObject({
        delivered: 75,
        consentDenied: 15,
        deadLettered: 0,
      });
    });
  },
);
