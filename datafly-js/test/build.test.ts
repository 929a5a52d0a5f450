// The build: the size budget (docs/style.md 10) and the compiled-in copy the edge serves.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BUDGET,
  buildCollector,
  GENERATED,
  HARD_LIMIT,
  sizes,
  SRC_PLACEHOLDER,
} from '../build.mjs';

const built = await buildCollector();

describe('datafly-js build', () => {
  it(`keeps d.js within its budget of ${BUDGET} bytes gzipped (ceiling ${HARD_LIMIT})`, () => {
    const { gzip } = sizes(built.script);
    expect(gzip, `d.js is ${gzip} B gzipped`).toBeLessThanOrEqual(Math.min(BUDGET, HARD_LIMIT));
  });

  it('has committed an edge/collector/script.generated.ts that matches the source (run `npm run build` if not)', () => {
    expect(
      readFileSync(GENERATED, 'utf8'),
      'edge/collector/script.generated.ts is stale: run `npm run build`',
    ).toBe(built.generated);
  });

  it('shows the current snippet in the Datafly.js docs page', () => {
    const page = readFileSync(new URL('../../docs/datafly-js.md', import.meta.url), 'utf8');
    expect(page, 'docs/datafly-js.md snippet is stale: copy dist/loader.js into it').toContain(
      built.loader.replace(SRC_PLACEHOLDER, 'https://data.example.com/d.js'),
    );
  });

  it('builds one self-contained script that defines nothing global but window.datafly', () => {
    expect(built.script).toMatch(/^\(\(\)=>\{.*\}\)\(\);$/s);
    expect(built.script).not.toMatch(/\bimport\b|\brequire\(/);
    expect(built.hash).toMatch(/^[0-9a-f]{16}$/);
  });
});
