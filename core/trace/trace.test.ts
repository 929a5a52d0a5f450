// The trace core: the bus tracer's watches and bounded queue, the processor's steps for a
// watched pipeline (and none for others), field diffs, consent reasons and personal-data masking.
import { describe, expect, it } from 'vitest';
import { createMemoryBus } from '../bus/memory.js';
import type { BusMessage } from '../bus/types.js';
import { ConfigCache } from '../config-store/cache.js';
import { createMemoryConfigStore } from '../config-store/memory.js';
import { processEvent } from '../services/processor/process-event.js';
import { LIVE_CONTROL, LIVE_TRACE, RAW_EVENTS } from '../topics.js';
import { maskStep, maskValue, MASK } from './mask.js';
import { consentReason, diffFields } from './processor.js';
import { TraceStep, type TraceStepInput } from './step.js';
import { createBusTracer, type Tracer } from './tracer.js';

const step = (over: Partial<Omit<TraceStep, 'v' | 'at'>> = {}): TraceStepInput => ({
  pipeline_id: 'pip_1',
  event_id: 'e1',
  part: 'processor',
  step: 'received',
  summary: 's',
  data: {},
  ...over,
});
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('bus tracer', () => {
  it('is off until a watch is announced, on until it expires or is switched off', async () => {
    let now = 1_000;
    const bus = createMemoryBus();
    const tracer = createBusTracer({ bus, now: () => now });
    await tracer.start();
    expect(tracer.enabled('pip_1')).toBe(false);
    await bus.produce(LIVE_CONTROL, [
      { value: JSON.stringify({ v: 1, pipeline_id: 'pip_1', until: 31_000 }) },
    ]);
    await settle();
    expect([tracer.enabled('pip_1'), tracer.enabled('pip_2')]).toEqual([true, false]);
    now = 31_000;
    expect(tracer.enabled('pip_1')).toBe(false);
    now = 2_000;
    await bus.produce(LIVE_CONTROL, [
      { value: JSON.stringify({ v: 1, pipeline_id: 'pip_1', until: 0 }) },
      { value: 'not json' },
      { value: '{"v":2}' },
    ]);
    await settle();
    expect(tracer.enabled('pip_1')).toBe(false);
    await tracer.close();
  });

  it('publishes steps on live-trace, and counts and reports the ones its queue could not take', async () => {
    const bus = createMemoryBus();
    const tracer = createBusTracer({ bus, maxQueue: 3, now: () => 5 });
    await tracer.start();
    for (let i = 0; i < 5; i++) tracer.emit(step({ event_id: `e${i}` }));
    tracer.emit(step({ data: { big: 1n } }));
    await settle();
    const published = bus.readAll(LIVE_TRACE).map((m) => TraceStep.parse(JSON.parse(m.value)));
    expect(published.filter((s) => s.step === 'received').map((s) => s.event_id)).toEqual([
      'e0',
      'e1',
      'e2',
    ]);
    expect(published.filter((s) => s.step === 'notice')).toEqual([
      expect.objectContaining({ pipeline_id: 'pip_1', data: { dropped: 3 } }),
    ]);
    expect(tracer.stats()).toMatchObject({ emitted: 6, dropped: 3 });
    await tracer.close();
  });

  it('splices pre-serialised data into the step as it is', async () => {
    const bus = createMemoryBus();
    const tracer = createBusTracer({ bus, now: () => 7 });
    await tracer.start();
    tracer.emit({
      pipeline_id: 'pip_1',
      event_id: 'e1',
      part: 'delivery',
      step: 'request',
      summary: 's',
      dataJson: JSON.stringify({ request: { body: '{"a":1}' } }),
    });
    await settle();
    expect(TraceStep.parse(JSON.parse(bus.readAll(LIVE_TRACE)[0]!.value))).toEqual({
      v: 1,
      at: 7,
      pipeline_id: 'pip_1',
      event_id: 'e1',
      part: 'delivery',
      step: 'request',
      summary: 's',
      data: { request: { body: '{"a":1}' } },
    });
    await tracer.close();
  });

  it('never throws when the bus refuses: the steps are counted for the next notice', async () => {
    const bus = createMemoryBus();
    const tracer = createBusTracer({ bus });
    await tracer.start();
    await bus.close();
    expect(() => tracer.emit(step())).not.toThrow();
    await settle();
    expect(tracer.stats().dropped).toBe(1);
  });
});

describe('processor steps', () => {
  const envelope = {
    v: 1,
    event_id: 'evt-1',
    type: 'track',
    event: 'Purchase',
    anonymous_id: 'anon-1',
    timestamp: '2026-03-01T11:59:59.000Z',
    received_at: '2026-03-01T12:00:00.000Z',
    properties: { total: 5, email: 'jane@example.com' },
    traits: {},
    context: { ip: '203.0.113.77', consent: { analytics: true, marketing: false } },
    source: { kind: 'server', pipeline_id: 'pip_test', org_id: 'org_test', source_id: 'src_test' },
  };
  const message: BusMessage = {
    topic: RAW_EVENTS,
    partition: 0,
    offset: '0',
    key: 'anon-1',
    value: JSON.stringify(envelope),
    headers: {},
    timestamp: 0,
  };

  function world() {
    const store = createMemoryConfigStore();
    store.setRevision({
      id: 'rev_ga4',
      integration_id: 'tmpl_ga4',
      vendor: 'ga4',
      revision_number: 1,
      config: {
        measurement_id: '{{pipeline_param.ga4_id}}',
        api_secret: '{{pipeline_param.ga4_secret}}',
        consent_categories: ['analytics'],
      },
      delivery_mode: 'server_side',
    });
    store.setRevision({
      id: 'rev_meta',
      integration_id: 'tmpl_meta',
      vendor: 'meta_capi',
      revision_number: 1,
      config: { pixel_id: '123', consent_categories: ['marketing'] },
      delivery_mode: 'server_side',
    });
    store.setOrgDataLayer('org_test', {
      parse_user_agent: false,
      drop_bots: false,
      truncate_ip: true,
      pii_rules: [{ match: 'email', action: 'hash' }],
      renames: [],
    });
    store.setPipeline({
      id: 'pip_test',
      org_id: 'org_test',
      parameters: { ga4_id: 'G-TEST', ga4_secret: 'very-secret-value' },
      transformations: [{ op: 'set', path: 'properties.channel', value: 'web' }],
      integrations: [
        {
          id: 'pi_1',
          integration_id: 'tmpl_ga4',
          vendor: 'ga4',
          revision_id: 'rev_ga4',
          enabled: true,
        },
        {
          id: 'pi_2',
          integration_id: 'tmpl_meta',
          vendor: 'meta_capi',
          revision_id: 'rev_meta',
          enabled: true,
        },
      ],
    });
    return new ConfigCache(store);
  }
  const recorder = (watched: boolean) => {
    const steps: Omit<TraceStep, 'v' | 'at'>[] = [];
    const tracer: Tracer = {
      enabled: () => watched,
      emit: (s) => steps.push(JSON.parse(JSON.stringify(s)) as Omit<TraceStep, 'v' | 'at'>),
    };
    return { steps, tracer };
  };

  it('emits received, processed with the fields changed, and per integration consent and parameters', async () => {
    const { steps, tracer } = recorder(true);
    const outcome = await processEvent(message, world(), tracer);
    expect(outcome.kind).toBe('fanout');
    expect(steps.map((s) => [s.step, s.integration_id ?? '', s.status])).toEqual([
      ['received', '', 'ok'],
      ['processed', '', 'ok'],
      ['consent', 'tmpl_ga4', 'ok'],
      ['params', 'tmpl_ga4', 'ok'],
      ['consent', 'tmpl_meta', 'blocked'],
    ]);
    expect((steps[0]!.data.envelope as typeof envelope).context.ip).toBe('203.0.113.77');
    const changes = steps[1]!.data.changes as { path: string }[];
    expect(changes.map((c) => c.path).sort()).toEqual([
      'context.ip',
      'properties.channel',
      'properties.email',
    ]);
    expect(steps[4]!.summary).toBe('blocked by consent: marketing');
    expect(steps[3]!.data.parameters).toEqual({ ga4_id: 'G-TEST', ga4_secret: '[redacted]' });
  });

  it('emits nothing for a pipeline nobody watches', async () => {
    const { steps, tracer } = recorder(false);
    await processEvent(message, world(), tracer);
    expect(steps).toEqual([]);
  });
});

describe('helpers', () => {
  it.each([
    {
      name: 'a changed leaf',
      before: { a: { b: 1 } },
      after: { a: { b: 2 } },
      expected: [{ path: 'a.b', before: 1, after: 2 }],
    },
    {
      name: 'an added and a removed field',
      before: { a: 1 },
      after: { b: 2 },
      expected: [
        { path: 'a', before: 1 },
        { path: 'b', after: 2 },
      ],
    },
    { name: 'an array compared whole', before: { l: [1, 2] }, after: { l: [1, 2] }, expected: [] },
  ])('diffFields reports $name', ({ before, after, expected }) => {
    expect(diffFields(before, after)).toEqual(expected);
  });

  it.each([
    { required: [], consent: {}, allowed: true, expected: 'no consent required' },
    {
      required: ['analytics'],
      consent: { analytics: true },
      allowed: true,
      expected: 'allowed by consent: analytics',
    },
    {
      required: ['analytics', 'marketing'],
      consent: { analytics: true },
      allowed: false,
      expected: 'blocked by consent: marketing',
    },
  ])('consentReason says "$expected"', ({ required, consent, allowed, expected }) => {
    expect(consentReason(required, consent, allowed)).toBe(expected);
  });

  it('masks personal data under known keys and inside strings, keeping hashes and other fields', () => {
    const hash = 'a'.repeat(64);
    expect(
      maskValue({
        traits: { email: 'x@y.co', plan: 'pro' },
        user_data: { em: [hash], ph: ['+1555'] },
        context: { ip: '1.2.3.4' },
        body: '{"email":"x@y.co","n":1}',
        note: 'mail x@y.co from 10.0.0.1',
      }),
    ).toEqual({
      traits: { email: MASK, plan: 'pro' },
      user_data: { em: [hash], ph: [MASK] },
      context: { ip: MASK },
      body: JSON.stringify({ email: MASK, n: 1 }),
      note: `mail ${MASK} from ${MASK}`,
    });
    const masked = maskStep({
      v: 1,
      at: 1,
      pipeline_id: 'p',
      event_id: 'e',
      user_id: 'u-1',
      part: 'delivery',
      step: 'request',
      summary: 'to a@b.co',
      data: {},
    });
    expect(masked).toMatchObject({ user_id: MASK, summary: `to ${MASK}` });
  });
});
