import { describe, expect, it } from 'vitest';
import { runClassifyCases, runVendorCases } from '../testing/index.js';
import { cases, classifyCases } from './cases.js';
import { webhook } from './index.js';

runVendorCases(webhook.definition, cases);
runClassifyCases(webhook.definition, classifyCases);

it('A throttled answer carries no wait of its own: delivery reads Retry-After by its clock', () => {
  const date = 'Sun, 22 Nov 2026 10:10:00 GMT';
  for (const status of [408, 429])
    expect(
      webhook.definition.classify(
        {
          status,
          headers: { 'retry-after': date, date: 'Sun, 22 Nov 2026 10:00:00 GMT' },
          body: '',
        },
        { method: 'POST', url: 'https://hooks.example.com/', headers: {}, event_ids: ['a'] },
      ),
    ).toEqual([
      { event_id: 'a', status: 'retry', code: 'vendor_throttled', reason: `HTTP ${status}` },
    ]);
});

describe('webhook config messages', () => {
  const URL_ = 'https://hooks.example.com/events';
  it.each([
    [
      { payload_format: 'custom', payload_template: '{\n"a": "{{event}"\n}' },
      /^payload_template does not compile \(line 2\): /,
    ],
    [
      { payload_format: 'custom', payload_template: '{{#if event}}x' },
      /does not compile \(line 1\)/,
    ],
    [{ payload_format: 'custom' }, /^payload_template is required when payload_format is custom$/],
    [{ auth_method: 'bearer' }, /^auth_token is required when auth_method is bearer$/],
    [
      { auth_method: 'basic', auth_username: 'u' },
      /^auth_password is required when auth_method is basic$/,
    ],
  ])('%j is refused saying why', (config, message) => {
    expect(() => webhook.definition.parseSettings({ url: URL_, ...config })).toThrow(message);
  });
});
