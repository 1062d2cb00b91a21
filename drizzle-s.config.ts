import { defineConfig } from 'drizzle-kit'

/** The Omeka S flavour's own schema and migrations (its own SQLite file; never mixed with Classic's). */
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/omeka-s/db/schema/index.ts',
  out: './migrations-s',
})
