// drizzle-kit: `npm run db:generate` writes SQL for admin/db/schema into migrations/.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './admin/db/schema/index.ts',
  out: './migrations',
  casing: 'snake_case',
});
