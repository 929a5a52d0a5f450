// Size of Datafly.js against the peers' browser bundles, as their npm packages ship them
// (installed as dev dependencies), gzip -9 and brotli -11, with the ratio to our d.js measured in
// the same run. Some packages ship unminified bundles; the "re-min" columns minify every file with
// the same esbuild settings, so the comparison does not hinge on how a package was published.
//   npm run bench -- collector
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { buildCollector, sizes } from '../datafly-js/build.mjs';

interface Peer {
  name: string;
  pkg: string;
  file: string;
  note?: string;
}

const PEERS: Peer[] = [
  {
    name: 'Segment analytics-next',
    pkg: '@segment/analytics-next',
    file: 'dist/umd/standalone.js',
    note: 'initial file; more chunks load from its CDN',
  },
  {
    name: 'RudderStack v3',
    pkg: '@rudderstack/analytics-js',
    file: 'dist/npm/modern/umd/index.js',
    note: 'npm UMD, shipped unminified',
  },
  {
    name: 'Jitsu @jitsu/js',
    pkg: '@jitsu/js',
    file: 'dist/web/p.js.txt',
    note: 'browser tag, shipped unminified',
  },
  {
    name: 'Snowplow browser-tracker',
    pkg: '@snowplow/browser-tracker',
    file: 'dist/index.umd.min.js',
  },
  {
    name: 'Plausible tracker',
    pkg: '@plausible-analytics/tracker',
    file: 'plausible.js',
    note: 'no identify, batching, retry or consent',
  },
];

const modules = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules');

/** The installed package's folder (read directly: some packages do not export package.json). */
function packageDir(pkg: string): string | undefined {
  const dir = join(modules, pkg);
  return existsSync(join(dir, 'package.json')) ? dir : undefined;
}

async function reminified(code: string): Promise<number> {
  const out = await transform(code, {
    minify: true,
    target: 'esnext',
    legalComments: 'none',
    logLevel: 'silent',
  });
  return sizes(out.code).gzip;
}

const built = await buildCollector();
const ours = sizes(built.script);
const oursMin = await reminified(built.script);
const x = (n: number, base: number): string => `${(n / base).toFixed(2)}×`;

const rows: string[][] = [
  [
    'Datafly.js d.js',
    String(ours.raw),
    String(ours.gzip),
    String(ours.brotli),
    '1.00×',
    '1.00×',
    String(oursMin),
    '1.00×',
    `v${built.version}, ${built.hash}`,
  ],
  [
    'Datafly.js snippet',
    String(sizes(built.loader).raw),
    String(sizes(built.loader).gzip),
    String(sizes(built.loader).brotli),
    '',
    '',
    '',
    '',
    'inline in the page',
  ],
];
for (const p of PEERS) {
  const dir = packageDir(p.pkg);
  const path = dir && join(dir, p.file);
  if (!dir || !path || !existsSync(path)) {
    rows.push([
      p.name,
      '-',
      '-',
      '-',
      '-',
      '-',
      '-',
      '-',
      dir ? `no built bundle at ${p.file}` : `${p.pkg} not installed`,
    ]);
    continue;
  }
  const code = readFileSync(path, 'utf8');
  const s = sizes(code);
  const min = await reminified(code);
  const version = (
    JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }
  ).version;
  rows.push([
    p.name,
    String(s.raw),
    String(s.gzip),
    String(s.brotli),
    x(s.gzip, ours.gzip),
    x(s.brotli, ours.brotli),
    String(min),
    x(min, oursMin),
    `${p.pkg}@${version} ${p.file}${p.note ? `; ${p.note}` : ''}`,
  ]);
}

const head = [
  'bundle',
  'raw B',
  'gzip B',
  'brotli B',
  'gzip ratio',
  'brotli ratio',
  're-min gzip B',
  're-min ratio',
  'file',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]): string =>
  `| ${r.map((c, i) => (i === 0 || i === 8 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
console.log(line(head));
console.log(
  `|${widths.map((w, i) => (i === 0 || i === 8 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
);
for (const r of rows) console.log(line(r));
console.log(
  `\nratio = peer size / Datafly.js size (same compression); Datafly.js gzip ${ours.gzip} B, brotli ${ours.brotli} B`,
);
