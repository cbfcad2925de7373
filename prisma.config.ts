// Prisma CLI configuration. The native schema engine cannot be downloaded on the build
// machines; `prisma generate` does not need it but insists the path names a file.
import { defineConfig } from "prisma/config";

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/rampart" },
});
