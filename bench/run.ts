// Benchmark runner: `npm run bench` runs every bench/*.bench.ts; `npm run bench -- edge collector`
// runs only the named ones. Each bench runs in its own process (tsx), one after another, so their
// numbers do not disturb each other; the exit code is non-zero if any bench failed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const all = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const wanted = process.argv
  .slice(2)
  .map((a) => a.replace(/^bench\//, '').replace(/(\.bench)?\.ts$/, ''));
const chosen = wanted.length
  ? all.filter((f) => wanted.includes(f.replace(/\.bench\.ts$/, '')))
  : all;
if (wanted.length && chosen.length !== wanted.length) {
  console.error(
    `unknown bench; available: ${all.map((f) => f.replace(/\.bench\.ts$/, '')).join(', ')}`,
  );
  process.exit(2);
}
let failed = 0;
for (const f of chosen) {
  console.log(`\n== ${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, f)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
