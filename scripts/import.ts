// npm run import -- --source github|defender|azure-devops --file <json> [--dry-run] [--connection <id>]
// Reads a saved API response (a list page, a `{ value, nextLink }` page, an audit query result
// or a single object, exactly as the API returned it) and ingests it through the source's
// mappers and reconcile path. --dry-run prints the normalized records as JSON lines instead and
// writes nothing. Unmappable records are listed on stderr with the reason; the exit code is 1
// when there were any (what did map is still written), 2 on a usage or file error.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { database, disconnectDatabase } from "../lib/db";
import { importerFor, IMPORT_SOURCES, type ImportSourceName } from "../lib/ingest/import/importers";
import { resolveDatabase } from "./lib/database";

const USAGE = `usage: npm run import -- --source ${IMPORT_SOURCES.join("|")} --file <json> [--dry-run] [--connection <id>]`;

const { values } = parseArgs({
  options: { source: { type: "string" }, file: { type: "string" }, "dry-run": { type: "boolean", default: false }, connection: { type: "string" } },
});
const source = values.source as ImportSourceName | undefined;
if (!source || !IMPORT_SOURCES.includes(source) || !values.file) {
  console.error(USAGE);
  process.exit(2);
}
const importer = importerFor(source);
if (!importer) {
  console.error(`Importing ${source} responses is not built yet.`);
  process.exit(2);
}

let payload: unknown;
try {
  payload = JSON.parse(await readFile(values.file, "utf8"));
} catch (error) {
  console.error(`Cannot read ${values.file}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

const observedAt = new Date();
const batch = importer(payload, { observedAt });
for (const note of batch.notes) console.error(`note: ${note}`);
for (const u of batch.unmapped) console.error(`unmapped ${u.reference}: ${u.reason}`);

if (values["dry-run"]) {
  for (const line of batch.lines) console.log(JSON.stringify(line));
  console.error(`${batch.lines.length} record(s) mapped, ${batch.unmapped.length} unmapped (dry run: nothing written)`);
  process.exit(batch.unmapped.length ? 1 : 0);
}

const db = await resolveDatabase();
process.env.DATABASE_URL = db.url;
let exitCode = batch.unmapped.length ? 1 : 0;
try {
  const client = await database().pool.connect();
  try {
    await client.query("BEGIN");
    const written = await batch.write(client, { connectionId: values.connection ?? null, observedAt });
    await client.query("COMMIT");
    console.log(JSON.stringify({ source, file: values.file, records: batch.lines.length, unmapped: batch.unmapped.length, ...written }));
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 2;
} finally {
  await disconnectDatabase();
  await db.release();
}
process.exit(exitCode);
