import { describe, expect, it } from 'vitest';
import { DataflyError } from '../errors/index.js';
import { findParamRefs, isParamRef, missingParams, resolveParams } from './index.js';

const config = {
  measurement_id: '{{pipeline_param.ga4_measurement_id}}',
  api_secret: '{{ pipeline_param.ga4_secret }}',
  endpoint:
    'https://example.com/{{pipeline_param.region}}/collect?id={{pipeline_param.ga4_measurement_id}}',
  headers: [{ name: 'x-tenant', value: '{{pipeline_param.tenant}}' }],
  batch_size: 10,
  test_mode: false,
  note: 'no {{braces}} here',
};

describe('pipeline params', () => {
  it('finds every referenced key once, sorted, in nested objects and arrays', () => {
    expect(findParamRefs(config)).toEqual(['ga4_measurement_id', 'ga4_secret', 'region', 'tenant']);
  });

  it.each<{ name: string; params: Record<string, string>; expected: string[] }>([
    {
      name: 'lists the keys the pipeline lacks',
      params: { ga4_measurement_id: 'G-A', region: 'eu' },
      expected: ['ga4_secret', 'tenant'],
    },
    {
      name: 'lists nothing when every key is set',
      params: { ga4_measurement_id: 'G-A', ga4_secret: 's', region: 'eu', tenant: 't' },
      expected: [],
    },
  ])('$name', ({ params, expected }) => {
    expect(missingParams(config, params)).toEqual(expected);
  });

  it('resolves each pipeline with its own values and leaves the input untouched', () => {
    const params = { ga4_measurement_id: 'G-AAAA', ga4_secret: 'sec', region: 'eu', tenant: 't1' };
    const resolved = resolveParams(config, params);
    expect(resolved).toEqual({
      measurement_id: 'G-AAAA',
      api_secret: 'sec',
      endpoint: 'https://example.com/eu/collect?id=G-AAAA',
      headers: [{ name: 'x-tenant', value: 't1' }],
      batch_size: 10,
      test_mode: false,
      note: 'no {{braces}} here',
    });
    expect(config.measurement_id).toBe('{{pipeline_param.ga4_measurement_id}}');
    expect(resolveParams(config, { ...params, ga4_measurement_id: 'G-BBBB' }).measurement_id).toBe(
      'G-BBBB',
    );
  });

  it('refuses a missing key with a config error naming the field and every missing key', () => {
    let error: unknown;
    try {
      resolveParams(config, { ga4_measurement_id: 'G-A', region: 'eu' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataflyError);
    const e = error as DataflyError;
    expect(e.code).toBe('config_error');
    expect(e.field).toBe('api_secret');
    expect(e.details).toEqual({ missing: ['ga4_secret', 'tenant'] });
  });

  it('tells a whole-value reference from embedded text', () => {
    expect(isParamRef('{{pipeline_param.x}}')).toBe(true);
    expect(isParamRef('a {{pipeline_param.x}}')).toBe(false);
    expect(isParamRef(3)).toBe(false);
  });
});
