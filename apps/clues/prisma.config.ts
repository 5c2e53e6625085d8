import { defineConfig } from 'prisma/config';

// DATABASE_URL is needed by migrate and db commands, not by generate (builds run without it).
export default defineConfig({
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL },
});
