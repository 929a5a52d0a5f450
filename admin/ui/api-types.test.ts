import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { GENERATED_TYPES_PATH, generateApiTypes } from './api-types';

describe('the UI API client types', () => {
  it(
    'match what the current admin API generates (run `npm run ui:types` when this fails)',
    { timeout: 120_000 },
    async () => {
      const committed = await readFile(GENERATED_TYPES_PATH, 'utf8');
      expect(committed === (await generateApiTypes())).toBe(true);
    },
  );
});
