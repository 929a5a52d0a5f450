import { openDatabase } from '../core/db/client.js';
import { drizzleDeliveryStore } from '../core/db/stores/delivery.js';
const database = await openDatabase({ url: 'postgres://postgres@127.0.0.1:5432/test' });
await database.migrate();
const store = drizzleDeliveryStore(database.db);
const B = Number(process.env.B ?? 100), N = Number(process.env.N ?? 200), C = Number(process.env.C ?? 4);
let seq = 0;
const tag = Date.now().toString(36);
async function one(claim: boolean) {
  const ids = Array.from({ length: B }, () => ({ source: 'web', event_id: `e${tag}_${seq++}` }));
  const integ = `tmpl_micro_${claim ? 'c' : 'n'}`;
  const at = Date.now();
  let tokens: { integration_id: string; source: string; event_id: string; fence: number }[] = [];
  if (claim) {
    const r = await store.claim(integ, ids, at, 10_000);
    tokens = ids.map((i) => ({ integration_id: integ, ...i, fence: r.claimed.get(`${i.source}|${i.event_id}`) ?? r.claimed.values().next().value! }));
  }
  await store.record(ids.map((i) => ({ integration_id: integ, pipeline_id: 'pip_1', event_id: i.event_id, source: i.source, outcome: 'delivered' as const, attempt: 1, status: 200, latency_ms: 3, at })), tokens);
}
async function run(claim: boolean) {
  const t = performance.now(); const c = process.cpuUsage();
  let left = N;
  await Promise.all(Array.from({ length: C }, async () => { while (left-- > 0) await one(claim); }));
  const u = process.cpuUsage(c);
  return { evs: (N * B) / ((performance.now() - t) / 1000), cpu: (u.user + u.system) / (N * B) };
}
await run(true); await run(false);
const res: Record<string, number[]> = { on: [], off: [], ratio: [] };
for (let i = 0; i < Number(process.env.R ?? 5); i++) {
  const a = await run(true), b = await run(false);
  res.on!.push(a.evs); res.off!.push(b.evs); res.ratio!.push(a.evs / b.evs);
}
const med = (x: number[]) => [...x].sort((p, q) => p - q)[x.length >> 1]!;
console.log(`B=${B} C=${C}: claim+record ${med(res.on!).toFixed(0)} ev/s, record only ${med(res.off!).toFixed(0)} ev/s, ratio ${med(res.ratio!).toFixed(2)} (${Math.min(...res.ratio!).toFixed(2)}–${Math.max(...res.ratio!).toFixed(2)})`);
await database.close();
