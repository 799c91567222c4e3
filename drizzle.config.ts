import { defineConfig } from 'drizzle-kit';

// Only used by `npm run db:generate`; migrations are applied by src/db/migrate.ts at start-up.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
