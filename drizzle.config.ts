import { defineConfig } from 'drizzle-kit';

// Used only to generate migrations from src/db/schema.ts; they are applied by `jobsight db migrate`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
