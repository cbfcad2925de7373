// Points lib/env (and so lib/db) at this run's schema before any test module loads it.
import { inject, afterAll } from "vitest";
import { disconnectDatabase } from "../lib/db";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.RAMPART_DATABASE_EMBEDDED = inject("embedded") ? "1" : "0";
// Embedded PostgreSQL serves at most 10 connections across every pool in the run.
process.env.DATABASE_POOL_MAX = inject("embedded") ? "4" : "5";
process.env.DATABASE_LOCK_POOL_MAX = "4";

afterAll(async () => {
  await disconnectDatabase();
});
