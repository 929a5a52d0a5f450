import { describe, expect, it } from 'vitest';
import { loadProcessorConfig } from './config.js';

describe('processor configuration', () => {
  const cases = [
    {
      name: 'defaults to the in-process bus, the embedded database and three partitions at once',
      env: {},
      expected: {
        KAFKA_BROKERS: [],
        PROCESSOR_GROUP_ID: 'datafly-processor',
        PROCESSOR_CONCURRENCY: 3,
      },
    },
    {
      name: 'reads brokers, database and concurrency',
      env: {
        KAFKA_BROKERS: 'k1:9092,k2:9092',
        DATABASE_URL: 'postgres://db/x',
        PROCESSOR_CONCURRENCY: '6',
      },
      expected: {
        KAFKA_BROKERS: ['k1:9092', 'k2:9092'],
        DATABASE_URL: 'postgres://db/x',
        PROCESSOR_CONCURRENCY: 6,
      },
    },
  ];
  it.each(cases)('$name', ({ env, expected }) => {
    expect(loadProcessorConfig(env)).toMatchObject(expected);
  });

  it('leaves the database URL unset when empty, so the embedded database is used', () => {
    expect(loadProcessorConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('rejects a concurrency of zero', () => {
    expect(() => loadProcessorConfig({ PROCESSOR_CONCURRENCY: '0' })).toThrow();
  });
});
