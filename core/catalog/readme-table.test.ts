// The README's Library table is generated from the catalog: this fails when it is stale.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG } from './index.js';
import { readmeLibrary, README_END, README_START, withLibrary } from './readme-table.js';

describe('README Library table', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

  it('matches the catalog (run `npm run docs:vendors` after changing a vendor)', () => {
    expect(withLibrary(readme) === readme, 'README.md is stale: run npm run docs:vendors').toBe(
      true,
    );
  });

  it('has one row per catalog entry', () => {
    const section = readmeLibrary();
    for (const e of CATALOG) expect(section).toContain(`(\`${e.vendor}\`)`);
    expect(section.split('\n').filter((l) => l.startsWith('| ') && l.includes('(`')).length).toBe(
      CATALOG.length,
    );
  });

  it('refuses a README without the markers', () => {
    expect(() => withLibrary('# no markers')).toThrow(/markers/);
    expect(withLibrary(`a\n${README_START}\nold\n${README_END}\nb`)).toBe(
      `a\n${readmeLibrary()}\nb`,
    );
  });
});
