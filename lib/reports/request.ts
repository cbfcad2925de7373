// The report scope as written in URLs and on the command line: enterprise, org:<id>, team:<id>, repo:<id>.
import { ValidationError } from "../http/errors";
import type { ReportRequest } from "./assemble";

export function parseReportScope(text: string): ReportRequest["scope"] {
  if (text === "enterprise") return { kind: "enterprise", id: null };
  const match = /^(org|team|repo):(.+)$/.exec(text);
  if (!match) throw new ValidationError("scope must be enterprise, org:<id>, team:<id> or repo:<id>.");
  return { kind: match[1] as "org" | "team" | "repo", id: match[2]! };
}
