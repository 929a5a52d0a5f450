// Kafka's key hash, as the producer computes it for every keyed record: ours (core/bus/murmur2.ts)
// beside @platformatic/kafka's and kafkajs' implementations in the same run, over keys shaped like
// the pipeline's (an anonymous id; one in ten with a non-ASCII character). Prints ns per key.
import { murmur2 as platformaticMurmur2 } from '@platformatic/kafka';
import { createRequire } from 'node:module';
import { murmur2 } from '../core/bus/murmur2.js';

const kafkajsMurmur2 = createRequire(import.meta.url)(
  'kafkajs/src/producer/partitioners/default/murmur2.js',
) as (key: string) => number;
const keys = Array.from(
  { length: 10_000 },
  (_, i) => `anon-${crypto.randomUUID()}${i % 10 === 0 ? '-é' : ''}`,
);
let sink = 0;

/** Best of three ~0.5 s windows of ns per key, after a warm-up. */
function nsPerKey(hash: (key: string) => number): number {
  for (const k of keys) sink ^= hash(k);
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    let n = 0;
    const start = performance.now();
    while (performance.now() - start < 500) {
      for (const k of keys) sink ^= hash(k);
      n += keys.length;
    }
    best = Math.min(best, ((performance.now() - start) * 1e6) / n);
  }
  return best;
}

const ours = nsPerKey(murmur2);
const platformatic = nsPerKey((k) => platformaticMurmur2(k, false));
const kafkajs = nsPerKey(kafkajsMurmur2);
console.log(`murmur2, ns per key (${keys.length} keys of ${keys[1]!.length} characters):`);
console.log(`  core/bus/murmur2.ts   ${ours.toFixed(0)}`);
console.log(
  `  @platformatic/kafka   ${platformatic.toFixed(0)}  (${(platformatic / ours).toFixed(1)}× ours)`,
);
console.log(
  `  kafkajs               ${kafkajs.toFixed(0)}  (${(kafkajs / ours).toFixed(1)}× ours)`,
);
if (sink === 0.5) console.log(sink);
