// drizzle-kit: `npm run db:generate` writes SQL for core/db/schema into migrations/.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './core/db/schema/index.ts',
  out: './migrations',
  casing: 'snake_case',
});
