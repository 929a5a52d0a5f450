import { describe, expect, it } from 'vitest';
import { loadDeliveryConfig } from './config.js';

describe('loadDeliveryConfig', () => {
  it('takes the Kafka client by name and leaves the default to the bus when unset', () => {
    expect(loadDeliveryConfig({ KAFKA_CLIENT: 'kafkajs' }).KAFKA_CLIENT).toBe('kafkajs');
    expect(loadDeliveryConfig({}).KAFKA_CLIENT).toBeUndefined();
  });

  it('refuses an unknown Kafka client, naming the variable', () => {
    expect(() => loadDeliveryConfig({ KAFKA_CLIENT: 'librdkafka' })).toThrow(/KAFKA_CLIENT/);
  });
});
