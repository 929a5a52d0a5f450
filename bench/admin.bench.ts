// Admin API cost on the embedded PGlite: the hot reads (pipeline integrations list through the
// full HTTP stack with auth; the ConfigStore read the processor does) and the revision write
// (transaction + row lock + audit + notify), each beside a bare `select 1` through the same
// driver measured in the same run.
//   npm run bench -- admin        (BENCH_ITERATIONS=300)
import { sql } from 'drizzle-orm';
import { openDatabase } from '../core/db/client.js';
import { createDbConfigStore } from '../core/db/stores/config.js';
import { testAdmin } from '../admin/testing/index.js';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);

async function measure(name: string, run: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(20, ITERATIONS); i++) await run(i);
  const start = performance.now();
  for (let i = 0; i < ITERATIONS; i++) await run(i);
  const perOp = (performance.now() - start) / ITERATIONS;
  console.log(
    `${name.padEnd(50)} ${perOp.toFixed(3).padStart(8)} ms/op  ${(1000 / perOp).toFixed(0).padStart(7)} ops/s`,
  );
  return perOp;
}

const database = await openDatabase({ dataDir: 'memory://' });
await database.migrate();
const admin = await testAdmin(database, { now: () => new Date() });
const store = createDbConfigStore(database);
const pipeline = (
  await admin.call('POST', '/pipelines', { name: 'Bench', parameters: { id: 'G-1' } })
).body as { id: string };
let templateId = '';
for (let i = 0; i < 5; i++) {
  const t = await admin.call('POST', '/integration-catalog/ga4/install', {
    name: `GA4 ${i}`,
    config: { measurement_id: '{{pipeline_param.id}}', api_secret: 'secret-0123456789' },
  });
  templateId = t.body.id;
  await admin.call('POST', `/pipelines/${pipeline.id}/integrations`, {
    integration_id: t.body.id,
    revision_id: t.body.revision.id,
  });
}

console.log(`admin on PGlite (in memory), ${ITERATIONS} sequential operations each`);
const baseline = await measure('baseline: select 1 through drizzle', () =>
  database.db.execute(sql`select 1`),
);
const results = [
  [
    'GET /pipelines/{pid}/integrations (5, HTTP+auth)',
    await measure('GET /pipelines/{pid}/integrations (5, HTTP+auth)', () =>
      admin.call('GET', `/pipelines/${pipeline.id}/integrations`),
    ),
  ],
  [
    'ConfigStore.getPipeline',
    await measure('ConfigStore.getPipeline', () => store.getPipeline(pipeline.id)),
  ],
  [
    'POST /integration-templates/{id}/revisions',
    await measure('POST /integration-templates/{id}/revisions', (i) =>
      admin.call('POST', `/integration-templates/${templateId}/revisions`, {
        config: { measurement_id: `G-${i}`, api_secret: 'secret-0123456789' },
      }),
    ),
  ],
] as const;
console.log('\nratio to baseline (time per op):');
for (const [name, perOp] of results)
  console.log(`  ${name.padEnd(50)} ${(perOp / baseline).toFixed(1)}x`);
await database.close();
