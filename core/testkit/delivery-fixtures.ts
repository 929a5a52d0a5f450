/**
 * Deterministic fixtures for delivery tests and the benchmark: events, delivery messages and a
 * small in-memory ConfigStore (fixed ids and clock; no global stubs).
 */
import type { ProduceRecord } from '../bus/types.js';
import type { ConfigStore, PipelineConfig, RevisionConfig } from '../config-store/types.js';
import type { Envelope } from '../event/index.js';
import { HEADERS, type DeliveryMessage } from '../topics.js';
import { makeEvent } from '../vendors/testing/events.js';

/**
 * Order `n` as delivery tests and the bench use it: the one test factory (`makeEvent`) with fixed
 * ids and clock; `overrides` replace top-level fields.
 *
 * @example orderEvent(1, { event: 'Signed Up' }).event_id // → 'evt-0001'
 */
export function orderEvent(n: number, overrides: Partial<Envelope> = {}): Envelope {
  return makeEvent({
    event_id: `evt-${String(n).padStart(4, '0')}`,
    event: 'Order Completed',
    user_id: 'user-1',
    timestamp: '2026-11-22T10:00:00.000Z',
    received_at: '2026-11-22T10:00:00.100Z',
    properties: { total: 42.5, currency: 'EUR' },
    context: {
      page: { url: 'https://shop.example.com/checkout', title: 'Checkout' },
      user_agent: 'Mozilla/5.0',
    },
    source: { kind: 'browser', pipeline_id: 'pip_1', org_id: 'org_1', source_id: 'dk_1' },
    ...overrides,
  } as Parameters<typeof makeEvent>[0]);
}

export interface DeliveryFixture {
  integrationId: string;
  revisionId: string;
  pipelineId: string;
}

const FIXTURE: DeliveryFixture = {
  integrationId: 'tmpl_test',
  revisionId: 'rev_test',
  pipelineId: 'pip_1',
};

/**
 * A record for `delivery-{integration_id}` carrying one event.
 *
 * @example await bus.produce(deliveryTopic('tmpl_test'), [deliveryRecord(makeEvent(1))]);
 */
export function deliveryRecord(
  envelope: Envelope,
  f: DeliveryFixture = FIXTURE,
  vendor = 'webhook',
): ProduceRecord {
  const message: DeliveryMessage = {
    v: 1,
    pipeline_id: f.pipelineId,
    pipeline_integration_id: 'pi_1',
    integration_id: f.integrationId,
    revision_id: f.revisionId,
    vendor,
    envelope,
    trace: [],
  };
  return {
    key: envelope.anonymous_id ?? envelope.event_id,
    value: JSON.stringify(message),
    headers: {
      [HEADERS.pipelineId]: f.pipelineId,
      [HEADERS.revisionId]: f.revisionId,
      [HEADERS.attempt]: '1',
    },
  };
}

export interface StaticConfigStore extends ConfigStore {
  revisions: Map<string, RevisionConfig>;
  pipelines: Map<string, PipelineConfig>;
  /** Tell subscribers something changed. */
  changed(kind: string, id?: string): void;
}

/**
 * A ConfigStore over fixed maps, with one webhook revision (`config`) for the fixture.
 *
 * @example const store = staticConfigStore({ url: double.url });
 */
export function staticConfigStore(
  config: Record<string, unknown>,
  f: DeliveryFixture = FIXTURE,
  parameters: Record<string, string> = {},
  vendor = 'webhook',
): StaticConfigStore {
  const revisions = new Map<string, RevisionConfig>([
    [
      f.revisionId,
      {
        id: f.revisionId,
        integration_id: f.integrationId,
        vendor,
        revision_number: 1,
        config,
        delivery_mode: 'server_side',
      },
    ],
  ]);
  const pipelines = new Map<string, PipelineConfig>([
    [
      f.pipelineId,
      {
        id: f.pipelineId,
        org_id: 'org_1',
        parameters,
        transformations: [],
        integrations: [
          {
            id: 'pi_1',
            integration_id: f.integrationId,
            vendor,
            revision_id: f.revisionId,
            enabled: true,
          },
        ],
      },
    ],
  ]);
  const listeners = new Set<(change: { kind: string; id?: string }) => void>();
  return {
    revisions,
    pipelines,
    changed(kind, id) {
      for (const l of listeners) l(id === undefined ? { kind } : { kind, id });
    },
    getPipeline: async (id) => pipelines.get(id),
    getOrgDataLayer: async () => ({
      parse_user_agent: false,
      drop_bots: false,
      truncate_ip: false,
      pii_rules: [],
      renames: [],
    }),
    getRevision: async (id) => revisions.get(id),
    listIntegrations: async () => {
      const seen = new Map<string, string>();
      for (const p of pipelines.values())
        for (const i of p.integrations) if (i.enabled) seen.set(i.integration_id, i.vendor);
      return [...seen].map(([integration_id, v]) => ({ integration_id, vendor: v }));
    },
    subscribe: async (listener) => {
      listeners.add(listener);
      return async () => {
        listeners.delete(listener);
      };
    },
  };
}
