// The owners' published Azure DevOps audit examples (../shared/fixtures), for unit tests. Where
// the fixtures are missing the tests that need them are skipped, as vitest.config.ts does.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const FIXTURES = path.resolve(process.env.RAMPART_FIXTURES_DIR ?? path.join(import.meta.dirname, "../../shared/fixtures"));
const EXAMPLES = path.join(FIXTURES, "azure-devops-audit/7.1/httpExamples");

// The fixtures folder is configuration (RAMPART_FIXTURES_DIR) or beside the repository.
// eslint-disable-next-line security/detect-non-literal-fs-filename
export const haveAuditFixtures = existsSync(EXAMPLES);

/** The 200 response body of an httpExamples file, exactly as published. */
export function auditExampleBody(relative: string): unknown {
  // The path is a constant of the calling test, under the fixtures folder.
  // eslint-disable-next-line security/detect-non-literal-fs-filename
  const example = JSON.parse(readFileSync(path.join(EXAMPLES, relative), "utf8")) as { responses: Record<string, { body: unknown }> };
  return example.responses["200"]!.body;
}
