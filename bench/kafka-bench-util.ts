// Shared by the benches: broker check, sample events (bridge, processor), CPU/RSS sampling of a
// process by pid from /proc (bridge, processor, edge, e2e).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import net from 'node:net';

export const BROKERS = (
  process.env.KAFKA_BROKERS ||
  process.env.TEST_KAFKA_BROKERS ||
  '127.0.0.1:9092'
)
  .split(',')
  .filter(Boolean);

/** True when the first broker accepts a TCP connection. */
export async function brokerUp(): Promise<boolean> {
  const [host, port] = BROKERS[0]!.split(':');
  return new Promise((resolve) => {
    const s = net.connect({ host, port: Number(port) });
    s.setTimeout(1500);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}

export function kafkaMissingMessage(): string {
  return `Kafka is not reachable at ${BROKERS.join(',')}: start it with \`bash scripts/kafka.sh start\` (or set KAFKA_BROKERS). Nothing measured.`;
}

const UAS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
];

/** A realistic canonical envelope (~900 bytes of JSON), deterministic for `i`. */
export function sampleEnvelope(i: number, pipelineId = 'pip_bench'): Record<string, unknown> {
  return {
    v: 1,
    event_id: `bench-${i}`,
    type: 'track',
    event: i % 5 === 0 ? 'Order Completed' : 'Product Viewed',
    anonymous_id: `anon-${i % 5000}`,
    timestamp: '2026-03-01T12:00:00.000Z',
    sent_at: '2026-03-01T12:00:00.050Z',
    received_at: '2026-03-01T12:00:00.100Z',
    properties: {
      product_id: `sku-${i % 300}`,
      price: 49.9,
      currency: 'EUR',
      quantity: 1,
      email: 'jane@example.com',
    },
    traits: {},
    context: {
      page: {
        url: 'https://shop.example/p/sku-1?utm_source=news',
        path: '/p/sku-1',
        title: 'Product',
        referrer: 'https://www.google.com/',
      },
      ip: `203.0.113.${i % 250}`,
      user_agent: UAS[i % UAS.length],
      locale: 'en-GB',
      campaign: { utm_source: 'news' },
      click_ids: { gclid: 'Cj0KCQjw-bench' },
      consent: { analytics: true, marketing: i % 4 !== 0 },
    },
    source: {
      kind: 'browser',
      pipeline_id: pipelineId,
      org_id: 'org_bench',
      source_id: 'src_bench',
    },
  };
}

/** /proc's clock ticks per second. */
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU seconds (user+system) of a process by pid, from /proc (Linux). */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** The pids of a process's children (of all its threads), from /proc (Linux). */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const children = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
    if (children) out.push(...children.split(' ').map(Number));
  }
  return out;
}

/** CPU seconds of a process and all its descendants so far. */
export function treeCpuSecondsOf(pid: number): number {
  return childrenOf(pid).reduce((sum, child) => sum + treeCpuSecondsOf(child), cpuSecondsOf(pid));
}

/** Peak RSS (VmHWM) of a process by pid, in MB. */
export function peakRssMbOf(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
