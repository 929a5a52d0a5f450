// The transform engine and org data layer, as data: each case names its behaviour in a
// sentence, gives the config and the input event, and what must come out.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { OrgDataLayer, TransformStep } from '../config-store/types.js';
import { DataflyError } from '../errors/index.js';
import {
  compileOrgDataLayer,
  compileTransforms,
  EMPTY_ORG_DATA_LAYER,
  hashValue,
  truncateIp,
} from './index.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

type Obj = Record<string, unknown>;
const makeEvent = (overrides: Obj = {}): Obj => ({
  v: 1,
  event_id: 'evt-1',
  type: 'track',
  event: 'Purchase',
  anonymous_id: 'anon-1',
  timestamp: '2026-01-01T00:00:00.000Z',
  received_at: '2026-01-01T00:00:00.000Z',
  properties: { total: 42, currency: 'EUR', email: 'Jane@Example.com' },
  traits: {},
  context: {
    ip: '203.0.113.77',
    user_agent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
    consent: { analytics: true },
  },
  source: { kind: 'browser', pipeline_id: 'pip_1', org_id: 'org_1', source_id: 'src_1' },
  ...overrides,
});

const transformCases: {
  name: string;
  steps: TransformStep[];
  input: Obj;
  expected: Obj | undefined;
}[] = [
  {
    name: 'a drop filter whose condition matches drops the event',
    steps: [{ op: 'filter', when: { path: 'event', equals: 'Purchase' }, action: 'drop' }],
    input: makeEvent(),
    expected: undefined,
  },
  {
    name: 'a drop filter whose condition does not match keeps the event unchanged',
    steps: [{ op: 'filter', when: { path: 'event', equals: 'Debug' }, action: 'drop' }],
    input: makeEvent(),
    expected: makeEvent(),
  },
  {
    name: 'a keep filter drops events that do not match',
    steps: [{ op: 'filter', when: { path: 'event', in: ['Lead', 'Signup'] }, action: 'keep' }],
    input: makeEvent(),
    expected: undefined,
  },
  {
    name: 'conditions combine with all, any and not',
    steps: [
      {
        op: 'filter',
        when: {
          all: [
            { path: 'properties.total', exists: true },
            { not: { path: 'properties.currency', equals: 'USD' } },
            {
              any: [
                { path: 'event', matches: '^Pur' },
                { path: 'type', equals: 'page' },
              ],
            },
          ],
        },
        action: 'keep',
      },
    ],
    input: makeEvent(),
    expected: makeEvent(),
  },
  {
    name: 'set writes a value at a nested path, creating objects on the way',
    steps: [{ op: 'set', path: 'properties.meta.channel', value: 'web' }],
    input: makeEvent(),
    expected: makeEvent({
      properties: {
        total: 42,
        currency: 'EUR',
        email: 'Jane@Example.com',
        meta: { channel: 'web' },
      },
    }),
  },
  {
    name: 'a conditional set is skipped when its condition is false',
    steps: [
      {
        op: 'set',
        path: 'properties.vip',
        value: true,
        when: { path: 'properties.total', equals: 1000 },
      },
    ],
    input: makeEvent(),
    expected: makeEvent(),
  },
  {
    name: 'rename moves a value to a new path',
    steps: [{ op: 'rename', from: 'properties.total', to: 'properties.value' }],
    input: makeEvent(),
    expected: makeEvent({ properties: { currency: 'EUR', email: 'Jane@Example.com', value: 42 } }),
  },
  {
    name: 'rename of an absent path changes nothing',
    steps: [{ op: 'rename', from: 'properties.nope', to: 'properties.value' }],
    input: makeEvent(),
    expected: makeEvent(),
  },
  {
    name: 'delete removes a value',
    steps: [{ op: 'delete', path: 'properties.currency' }],
    input: makeEvent(),
    expected: makeEvent({ properties: { total: 42, email: 'Jane@Example.com' } }),
  },
  {
    name: 'hash replaces a value with the SHA-256 of its trimmed lower-case form',
    steps: [{ op: 'hash', path: 'properties.email' }],
    input: makeEvent(),
    expected: makeEvent({
      properties: { total: 42, currency: 'EUR', email: sha('jane@example.com') },
    }),
  },
  {
    name: 'steps run in order, so a later step sees an earlier one',
    steps: [
      { op: 'rename', from: 'event', to: 'properties.original_event' },
      { op: 'set', path: 'event', value: 'purchase' },
      {
        op: 'filter',
        when: { path: 'properties.original_event', equals: 'Purchase' },
        action: 'keep',
      },
    ],
    input: makeEvent(),
    expected: makeEvent({
      event: 'purchase',
      properties: {
        total: 42,
        currency: 'EUR',
        email: 'Jane@Example.com',
        original_event: 'Purchase',
      },
    }),
  },
];

describe('pipeline transformation engine', () => {
  it.each(transformCases)('$name', ({ steps, input, expected }) => {
    const result = compileTransforms(steps)(structuredClone(input));
    expect(result.event).toEqual(expected);
    if (expected === undefined) expect(result.trace.at(-1)?.result).toBe('dropped');
    else expect(result.trace).toHaveLength(steps.length);
  });

  const invalid: { name: string; steps: unknown[]; field: string }[] = [
    {
      name: 'an unknown operation is a config error naming the step',
      steps: [
        { op: 'set', path: 'a', value: 1 },
        { op: 'eval', code: 'x' },
      ],
      field: 'transformations.1.op',
    },
    {
      name: 'a path reaching a prototype is refused',
      steps: [{ op: 'set', path: 'properties.__proto__.polluted', value: 1 }],
      field: 'transformations.0.path',
    },
    {
      name: 'an invalid regular expression is refused at load',
      steps: [{ op: 'filter', when: { path: 'event', matches: '(' }, action: 'drop' }],
      field: 'transformations.0.when.matches',
    },
    {
      name: 'an empty path segment is refused',
      steps: [{ op: 'delete', path: 'properties..x' }],
      field: 'transformations.0.path',
    },
  ];
  it.each(invalid)('$name', ({ steps, field }) => {
    let caught: unknown;
    try {
      compileTransforms(steps as TransformStep[]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DataflyError);
    expect((caught as DataflyError).code).toBe('config_error');
    expect((caught as DataflyError).field).toBe(field);
  });

  it('does not share set values between events', () => {
    const run = compileTransforms([{ op: 'set', path: 'properties.tags', value: ['a'] }]);
    const first = run(makeEvent()).event!;
    ((first.properties as Obj).tags as string[]).push('mutated');
    expect((run(makeEvent()).event!.properties as Obj).tags).toEqual(['a']);
  });
});

const layer = (overrides: Partial<OrgDataLayer>): OrgDataLayer => ({
  ...EMPTY_ORG_DATA_LAYER,
  ...overrides,
});

const orgCases: {
  name: string;
  layer: OrgDataLayer;
  input: Obj;
  check: (out: Obj | undefined) => void;
}[] = [
  {
    name: 'an empty org data layer changes nothing',
    layer: EMPTY_ORG_DATA_LAYER,
    input: makeEvent(),
    check: (out) => expect(out).toEqual(makeEvent()),
  },
  {
    name: 'user-agent parsing fills device, os and browser',
    layer: layer({ parse_user_agent: true }),
    input: makeEvent(),
    check: (out) =>
      expect(out?.context).toMatchObject({
        device: { type: 'mobile', vendor: 'Apple', model: 'iPhone' },
        os: { name: 'iOS', version: '17.0' },
        browser: { name: 'Mobile Safari', major: '17' },
      }),
  },
  {
    name: 'a bot user agent is dropped when bot filtering is on',
    layer: layer({ drop_bots: true }),
    input: makeEvent({
      context: {
        user_agent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      },
    }),
    check: (out) => expect(out).toBeUndefined(),
  },
  {
    name: 'a human user agent passes bot filtering',
    layer: layer({ drop_bots: true }),
    input: makeEvent(),
    check: (out) => expect(out).toEqual(makeEvent()),
  },
  {
    name: 'IP truncation zeroes the last IPv4 octet',
    layer: layer({ truncate_ip: true }),
    input: makeEvent(),
    check: (out) => expect((out?.context as Obj).ip).toBe('203.0.113.0'),
  },
  {
    name: 'PII rules drop and hash matching property and trait keys, case-insensitively and with globs, at any depth',
    layer: layer({
      pii_rules: [
        { match: '*email*', action: 'hash' },
        { match: 'phone', action: 'drop' },
      ],
    }),
    input: makeEvent({
      properties: {
        Email: 'Jane@Example.com',
        total: 1,
        billing: { phone: '+331', work_email: 'a@b.c' },
      },
      traits: { PHONE: '1' },
    }),
    check: (out) => {
      expect(out?.properties).toEqual({
        Email: sha('jane@example.com'),
        total: 1,
        billing: { work_email: sha('a@b.c') },
      });
      expect(out?.traits).toEqual({});
    },
  },
  {
    name: 'renames move envelope paths',
    layer: layer({ renames: [{ from: 'properties.total', to: 'properties.revenue' }] }),
    input: makeEvent(),
    check: (out) =>
      expect(out?.properties).toEqual({ currency: 'EUR', email: 'Jane@Example.com', revenue: 42 }),
  },
];

describe('org data layer', () => {
  it.each(orgCases)('$name', ({ layer: l, input, check }) => {
    check(compileOrgDataLayer(l)(structuredClone(input)).event);
  });

  const ips = [
    {
      name: 'IPv4 keeps the first three octets',
      input: '198.51.100.200',
      expected: '198.51.100.0',
    },
    {
      name: 'IPv6 keeps the first 48 bits',
      input: '2001:db8:85a3:8d3:1319:8a2e:370:7348',
      expected: '2001:db8:85a3::',
    },
    {
      name: 'compressed IPv6 is expanded before truncation',
      input: '2001:db8::1',
      expected: '2001:db8:0::',
    },
    {
      name: 'IPv4-mapped IPv6 zeroes the last IPv4 octet',
      input: '::ffff:203.0.113.9',
      expected: '::ffff:203.0.113.0',
    },
    { name: 'something that is not an IP is left alone', input: 'unknown', expected: 'unknown' },
  ];
  it.each(ips)('$name', ({ input, expected }) => expect(truncateIp(input)).toBe(expected));

  it('never hashes an already hashed value a second time', () => {
    const once = hashValue('a@b.c');
    expect(hashValue(once)).toBe(once);
  });
});
