// The import graph points one way (issue 21): libraries (everything in core/ outside services/
// and testkit/) import only libraries; services import libraries and their own service; admin
// imports libraries and admin; the edge imports libraries and itself. Dev-only code (the
// top-level dev/: `npm start` and the vendor sandbox) and tests may import anything. A new import that breaks this fails here, naming it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
type Part = 'library' | 'service' | 'admin' | 'edge' | 'dev' | 'test';

function partOf(rel: string): Part {
  if (
    /\.test\.ts$/.test(rel) ||
    rel.startsWith('core/testkit/') ||
    /\/testing(\/|\.ts$)/.test(rel) ||
    rel.endsWith('/cases.ts')
  )
    return 'test';
  if (rel.startsWith('core/services/')) return 'service';
  if (rel.startsWith('dev/')) return 'dev';
  if (rel.startsWith('admin/')) return 'admin';
  if (rel.startsWith('edge/')) return 'edge';
  return 'library';
}

const ALLOWED: Record<Exclude<Part, 'dev' | 'test'>, readonly Part[]> = {
  library: ['library'],
  service: ['library', 'service'],
  admin: ['library', 'admin'],
  edge: ['library', 'edge'],
};

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(join(ROOT, dir))) {
    const rel = `${dir}/${name}`;
    if (name === 'node_modules' || name === 'dist' || rel === 'admin/ui') continue;
    if (statSync(join(ROOT, rel)).isDirectory()) sources(rel, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

function resolve(from: string, spec: string): string | undefined {
  const base = normalize(join(dirname(from), spec)).replace(/\.js$/, '');
  for (const c of [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    try {
      if (statSync(join(ROOT, c)).isFile()) return c;
    } catch {
      // not this candidate
    }
  }
  return undefined;
}

const IMPORT = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** Every import that breaks the rule: "importer (part) → imported (part)". */
export function violations(): string[] {
  const out: string[] = [];
  for (const file of [
    ...sources('core'),
    ...sources('admin'),
    ...sources('edge'),
    ...sources('dev'),
  ]) {
    const from = partOf(file);
    if (from === 'dev' || from === 'test') continue;
    for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(IMPORT)) {
      const target = resolve(file, m[1]!);
      if (!target) continue;
      const to = partOf(relative(ROOT, join(ROOT, target)));
      if (!ALLOWED[from].includes(to)) out.push(`${file} (${from}) → ${target} (${to})`);
    }
  }
  return out;
}

describe('import graph', () => {
  it('has no import from a library into a service, dev-only code, a test kit or admin, nor between services and admin', () => {
    expect(violations()).toEqual([]);
  });

  it('classifies the tree’s parts (so the rule above means what it says)', () => {
    expect(partOf('core/mapping/engine.ts')).toBe('library');
    expect(partOf('core/services/delivery/worker.ts')).toBe('service');
    expect(partOf('dev/local/stack.ts')).toBe('dev');
    expect(partOf('core/testkit/bus.ts')).toBe('test');
    expect(partOf('core/vendors/reddit/cases.ts')).toBe('test');
    expect(partOf('admin/routes/catalog.ts')).toBe('admin');
    expect(partOf('core/dedup/delivered.ts')).toBe('library');
    expect(sources('core').length).toBeGreaterThan(300);
    expect(sources('dev').length).toBeGreaterThan(10);
  });
});
