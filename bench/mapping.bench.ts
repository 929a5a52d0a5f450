// Mapping engine throughput (events/s on one core) for a Meta purchase with full user data
// (11 SHA-256 hashes, items, fallbacks), beside a plain JSON parse+stringify loop of the same
// event measured in the same run. Target: the engine at ≥ 30 % of the baseline.
import { metaCapi } from '../core/vendors/meta_capi/index.js';
import { fullPurchase } from '../core/vendors/testing/events.js';

const event = fullPurchase();
const settings = metaCapi.definition.parseSettings({
  pixel_id: '1234567890',
  access_token: 'bench-token',
});
const wire = JSON.stringify(event);
let sink = 0;

/** Best-of-3 rate of `fn` over ~1 s windows, after a warm-up. */
function rate(fn: () => void): number {
  for (let i = 0; i < 20_000; i++) fn();
  let best = 0;
  for (let round = 0; round < 3; round++) {
    let n = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < 1000) {
      for (let i = 0; i < 1000; i++) fn();
      n += 1000;
      elapsed = performance.now() - start;
    }
    best = Math.max(best, (n / elapsed) * 1000);
  }
  return best;
}

const baseline = rate(() => {
  sink += JSON.stringify(JSON.parse(wire)).length;
});
const engine = rate(() => {
  const r = settings.mapping.map(event);
  sink += r.ok ? 1 : 0;
});
const format = rate(() => {
  sink += metaCapi.definition.format([event], settings, { testMode: false }).requests.length;
});

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(10);
console.log(`event: Meta purchase with full user data (${wire.length} bytes of JSON)`);
console.log(`baseline  JSON.parse + JSON.stringify     ${fmt(baseline)} events/s`);
console.log(
  `engine    mapping.map (rows + 11 sha256)  ${fmt(engine)} events/s  ${((engine / baseline) * 100).toFixed(0)} % of baseline (target ≥ 30 %)`,
);
console.log(
  `format    map + Meta request body         ${fmt(format)} events/s  ${((format / baseline) * 100).toFixed(0)} % of baseline`,
);
if (sink < 0) console.log(sink);
