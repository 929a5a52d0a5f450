import { describe, expect, it } from 'vitest';
import { DeliveryMessage, readDeliveryMessage } from './topics.js';

const valid = () => ({
  v: 1,
  pipeline_id: 'pip_1',
  pipeline_integration_id: 'pi_1',
  integration_id: 'tmpl_1',
  revision_id: 'rev_1',
  vendor: 'webhook',
  params: { region: 'eu' },
  envelope: { event_id: 'evt-1', type: 'track', timestamp: '2026-11-22T10:00:00.000Z' },
  trace: [{ step: 'consent', result: 'allowed' }],
  extra: { kept: true },
});

describe('readDeliveryMessage', () => {
  const accepted: [string, Record<string, unknown>][] = [
    ['a full message', valid()],
    ['no params', { ...valid(), params: undefined }],
    ['no trace (defaults to [])', { ...valid(), trace: undefined }],
    ['an empty pipeline_integration_id', { ...valid(), pipeline_integration_id: '' }],
    ['an envelope with a context', { ...valid(), envelope: { ...valid().envelope, context: {} } }],
  ];
  it.each(accepted)('reads %s as the schema does', (_name, message) => {
    const json = JSON.stringify(message);
    expect(readDeliveryMessage(JSON.parse(json))).toEqual(DeliveryMessage.parse(JSON.parse(json)));
  });

  const refused: [string, Record<string, unknown>][] = [
    ['another version', { ...valid(), v: 2 }],
    ['an empty pipeline_id', { ...valid(), pipeline_id: '' }],
    ['a missing integration_id', { ...valid(), integration_id: undefined }],
    ['an empty revision_id', { ...valid(), revision_id: '' }],
    ['a numeric vendor', { ...valid(), vendor: 7 }],
    ['a non-string parameter', { ...valid(), params: { region: 1 } }],
    ['params as an array', { ...valid(), params: ['eu'] }],
    ['an envelope without event_id', { ...valid(), envelope: { type: 'track', timestamp: 't' } }],
    ['an envelope without timestamp', { ...valid(), envelope: { event_id: 'e', type: 'track' } }],
    ['a context that is a string', { ...valid(), envelope: { ...valid().envelope, context: 'x' } }],
    ['a trace that is an object', { ...valid(), trace: {} }],
    ['a trace entry without result', { ...valid(), trace: [{ step: 'consent' }] }],
  ];
  it.each(refused)('leaves %s to the schema, which refuses it', (_name, message) => {
    const value: unknown = JSON.parse(JSON.stringify(message));
    expect(readDeliveryMessage(value)).toBeUndefined();
    expect(DeliveryMessage.safeParse(value).success).toBe(false);
  });

  it('leaves a trace entry with more fields to the schema, which strips them', () => {
    const message = { ...valid(), trace: [{ step: 'consent', result: 'allowed', at: 1 }] };
    expect(readDeliveryMessage(JSON.parse(JSON.stringify(message)))).toBeUndefined();
    expect(DeliveryMessage.parse(message).trace).toEqual([{ step: 'consent', result: 'allowed' }]);
  });
});
