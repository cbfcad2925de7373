// npm run report -- --kind posture|evidence|findings --scope enterprise|org:<login>|team:<org>/<slug>|repo:<owner/name>
//   --format pdf|csv|json|oscal-ar|oscal-poam [--framework ssdf|scorecard] [--as-of YYYY-MM-DD] --out <file>
// The same documents the Reports page produces, for pipelines, run by an operator with database
// access (every repository is in scope). Written to the app audit trail like any export.
import { createWriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { recordAudit } from "../lib/auth/audit";
import { database, disconnectDatabase } from "../lib/db";
import { assemblePostureReport, type ReportRequest } from "../lib/reports/assemble";
import { csvStream, FINDING_CSV_HEADER, findingCsvValues } from "../lib/reports/csv";
import { renderReport, REPORT_FORMATS } from "../lib/reports/render";
import { resolveDatabase } from "./lib/database";

const { values } = parseArgs({
  options: {
    kind: { type: "string", default: "posture" },
    scope: { type: "string", default: "enterprise" },
    format: { type: "string", default: "pdf" },
    framework: { type: "string", default: "ssdf" },
    "as-of": { type: "string" },
    out: { type: "string" },
  },
});

function usage(message: string): never {
  console.error(`${message}\nusage: npm run report -- --kind posture|evidence|findings --scope enterprise|org:<login>|team:<org>/<slug>|repo:<owner/name> --format pdf|csv|json|oscal-ar|oscal-poam [--framework ssdf|scorecard] [--as-of YYYY-MM-DD] --out <file>`);
  process.exit(2);
}

if (!values.out) usage("--out is required");
if (!["posture", "evidence", "findings"].includes(values.kind!)) usage(`unknown --kind ${values.kind}`);
if (values.kind === "findings" ? values.format !== "csv" : !(REPORT_FORMATS as readonly string[]).includes(values.format!)) usage(`--format ${values.format} does not fit --kind ${values.kind}`);
if (!["ssdf", "scorecard"].includes(values.framework!)) usage(`unknown --framework ${values.framework}`);
const asOf = values["as-of"] ? new Date(`${values["as-of"]}T23:59:59.999Z`) : new Date();
if (Number.isNaN(asOf.getTime())) usage("--as-of must be YYYY-MM-DD");

/** Human names on the command line → ids. */
async function scopeOf(text: string): Promise<ReportRequest["scope"]> {
  if (text === "enterprise") return { kind: "enterprise", id: null };
  const { prisma } = database();
  const [kind, name = ""] = [text.slice(0, text.indexOf(":")), text.slice(text.indexOf(":") + 1)];
  if (kind === "org") {
    const org = await prisma.organization.findFirst({ where: { login: { equals: name, mode: "insensitive" }, deletedAt: null }, select: { id: true } });
    if (org) return { kind: "org", id: org.id };
  } else if (kind === "team") {
    const [org, slug] = name.split("/");
    const team = await prisma.team.findFirst({ where: { slug, organization: { login: { equals: org, mode: "insensitive" } }, deletedAt: null }, select: { id: true } });
    if (team) return { kind: "team", id: team.id };
  } else if (kind === "repo") {
    const repo = await prisma.repository.findFirst({ where: { fullName: { equals: name, mode: "insensitive" }, deletedAt: null }, select: { id: true } });
    if (repo) return { kind: "repo", id: repo.id };
  } else {
    usage(`unknown --scope ${text}`);
  }
  throw new Error(`No ${kind} named "${name}".`);
}

const db = await resolveDatabase();
process.env.DATABASE_URL = db.url;
const operator = `cli:${process.env.USER ?? "operator"}`;
let code = 0;
try {
  const scope = await scopeOf(values.scope!);
  if (values.kind === "findings") {
    const report = await assemblePostureReport({ operator }, { scope, asOf, findingsLimit: Number.MAX_SAFE_INTEGER });
    const rows = report.findings ?? [];
    async function* batches() {
      for (let i = 0; i < rows.length; i += 1000) yield rows.slice(i, i + 1000).map((f) => findingCsvValues({ ...f, kind: "", source: "", ruleId: "", repository: f.repository ? { fullName: f.repository } : null, locationPath: null, locationLine: null }));
    }
    await csvStream(FINDING_CSV_HEADER, batches(), { bom: true }).pipeTo(Writable.toWeb(createWriteStream(values.out!)));
    console.error(`wrote ${rows.length} open findings as of ${report.asOf} to ${values.out}`);
  } else {
    const report = await assemblePostureReport({ operator }, { scope, asOf });
    const file = await renderReport(report, values.kind as "posture" | "evidence", values.format as (typeof REPORT_FORMATS)[number], values.framework as "ssdf" | "scorecard");
    await writeFile(values.out!, file.body);
    console.error(`wrote ${file.fileName} (${file.body.length} bytes) to ${values.out}`);
  }
  await recordAudit({ action: "export.created", actor: { objectId: null, upn: operator }, details: { via: "cli", kind: values.kind, format: values.format, scope: values.scope, asOf: asOf.toISOString() } });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  code = 1;
} finally {
  await disconnectDatabase();
  await db.release();
}
process.exit(code);
