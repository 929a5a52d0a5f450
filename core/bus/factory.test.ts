import { describe, expect, it } from 'vitest';
import { createBus, MemoryBus } from './index.js';

describe('createBus', () => {
  const cases = [
    { name: 'uses the in-process bus when no brokers are configured', config: {}, memory: true },
    {
      name: 'uses the in-process bus for an empty broker list',
      config: { kafkaBrokers: [] },
      memory: true,
    },
    {
      name: 'uses Kafka when brokers are configured (connecting lazily)',
      config: { kafkaBrokers: ['127.0.0.1:1'] },
      memory: false,
    },
  ];
  it.each(cases)('$name', async ({ config, memory }) => {
    const bus = createBus(config);
    expect(bus instanceof MemoryBus).toBe(memory);
    await bus.close();
  });
});
