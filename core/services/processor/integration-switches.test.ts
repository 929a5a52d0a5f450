import { describe, expect, it } from 'vitest';
import type { BusMessage } from '../../bus/types.js';
import { createMemoryConfigStore } from '../../config-store/memory.js';
import type { DeliveryMessage } from '../../topics.js';
import { ConfigCache } from '../../config-store/cache.js';
import { integrationAllowed, integrationNames } from './integration-switches.js';
import { processEvent } from './process-event.js';

const meta = integrationNames({ id: 'pi_meta', integration_id: 'tmpl_meta', vendor: 'meta_capi' });

describe('integrationAllowed', () => {
  it.each([
    { name: 'no switches send to every integration', switches: undefined, allowed: true },
    { name: 'a switch that is not an object is ignored', switches: 'Meta CAPI', allowed: true },
    { name: '"Meta CAPI": false turns Meta off', switches: { 'Meta CAPI': false }, allowed: false },
    {
      name: 'names match case-insensitively, ignoring spaces and punctuation',
      switches: { META_capi: false },
      allowed: false,
    },
    {
      name: 'the catalog name matches',
      switches: { 'Meta Conversions API (CAPI)': false },
      allowed: false,
    },
    { name: 'the template id matches', switches: { tmpl_meta: false }, allowed: false },
    {
      name: 'another integration’s switch does not touch Meta',
      switches: { 'Google Analytics 4': false },
      allowed: true,
    },
    {
      name: 'All: false turns off integrations without their own entry',
      switches: { All: false },
      allowed: false,
    },
    {
      name: 'the integration’s own entry wins over All',
      switches: { All: false, 'Meta CAPI': true },
      allowed: true,
    },
    {
      name: 'a settings object counts as on',
      switches: { all: false, 'Meta CAPI': { pixel: 'x' } },
      allowed: true,
    },
    {
      name: 'an own false wins over All: true',
      switches: { All: true, 'meta capi': false },
      allowed: false,
    },
  ])('$name', ({ switches, allowed }) => {
    expect(integrationAllowed(switches, meta)).toBe(allowed);
  });
});

describe('processEvent with integration switches', () => {
  function setup() {
    const store = createMemoryConfigStore();
    store.setRevision({
      id: 'rev_ga4',
      integration_id: 'tmpl_ga4',
      vendor: 'ga4',
      revision_number: 1,
      config: {},
      delivery_mode: 'server_side',
    });
    store.setRevision({
      id: 'rev_meta',
      integration_id: 'tmpl_meta',
      vendor: 'meta_capi',
      revision_number: 1,
      config: {},
      delivery_mode: 'server_side',
    });
    store.setPipeline({
      id: 'pip_sw',
      org_id: 'org_sw',
      parameters: {},
      transformations: [],
      integrations: [
        {
          id: 'pi_ga4',
          integration_id: 'tmpl_ga4',
          vendor: 'ga4',
          revision_id: 'rev_ga4',
          enabled: true,
        },
        {
          id: 'pi_meta',
          integration_id: 'tmpl_meta',
          vendor: 'meta_capi',
          revision_id: 'rev_meta',
          enabled: true,
        },
      ],
    });
    return new ConfigCache(store);
  }
  const message = (integrations: unknown): BusMessage => ({
    topic: 'raw-events',
    partition: 0,
    offset: '0',
    key: 'a',
    headers: {},
    timestamp: 0,
    value: JSON.stringify({
      v: 1,
      event_id: 'e1',
      type: 'track',
      event: 'Order Completed',
      anonymous_id: 'a',
      timestamp: '2026-01-01T00:00:00.000Z',
      received_at: '2026-01-01T00:00:00.000Z',
      source: { kind: 'server', pipeline_id: 'pip_sw', org_id: 'org_sw', source_id: 'src' },
      ...(integrations === undefined ? {} : { integrations }),
    }),
  });
  const vendors = async (integrations: unknown) => {
    const outcome = await processEvent(message(integrations), setup());
    if (outcome.kind !== 'fanout') throw new Error(`expected a fan-out, got ${outcome.kind}`);
    return {
      sent: outcome.deliveries.map((d) => (JSON.parse(d.record.value) as DeliveryMessage).vendor),
      off: outcome.switchedOff,
    };
  };

  it.each([
    {
      name: 'without switches the event goes to both integrations',
      integrations: undefined,
      sent: ['ga4', 'meta_capi'],
      off: 0,
    },
    {
      name: '"Meta CAPI": false skips Meta only',
      integrations: { 'Meta CAPI': false },
      sent: ['ga4'],
      off: 1,
    },
    {
      name: 'All: false with GA4 on sends to GA4 only',
      integrations: { All: false, 'Google Analytics 4': true },
      sent: ['ga4'],
      off: 1,
    },
    { name: 'All: false sends nowhere', integrations: { All: false }, sent: [], off: 2 },
  ])('$name', async ({ integrations, sent, off }) => {
    expect(await vendors(integrations)).toEqual({ sent, off });
  });
});
