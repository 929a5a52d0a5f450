// Metadata check for scripts/kafka.sh: exits 0 once the broker answers a metadata request and
// lists itself as a cluster member (a bound port alone is not "ready").
import kafkajs from 'kafkajs';

const broker = process.argv[2] ?? '127.0.0.1:9092';
const kafka = new kafkajs.Kafka({
  clientId: 'datafly-kafka-ready',
  brokers: [broker],
  logLevel: kafkajs.logLevel.NOTHING,
  retry: { retries: 0 },
  connectionTimeout: 2000,
  requestTimeout: 4000,
});
const admin = kafka.admin();
try {
  await admin.connect();
  const cluster = await admin.describeCluster();
  await admin.listTopics();
  await admin.disconnect();
  process.exit(cluster.brokers.length > 0 && cluster.controller !== null ? 0 : 1);
} catch {
  await admin.disconnect().catch(() => undefined);
  process.exit(1);
}
