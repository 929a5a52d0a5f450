/** `npm run docs:vendors`: rewrite the README's Library table from the catalog. */
import { readFileSync, writeFileSync } from 'node:fs';
import { withLibrary } from '../core/catalog/readme-table.js';

const path = new URL('../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = withLibrary(before);
writeFileSync(path, after);
console.log(
  before === after
    ? 'README.md: Library table already up to date'
    : 'README.md: Library table rewritten',
);
