// A finding's fingerprint recognises the same problem when a source re-creates an alert under
// a new id (a re-run analysis, a re-opened advisory): same kind, same place, same rule.
import { createHash } from "node:crypto";

export interface FingerprintParts {
  kind: string;
  /** Where: repository full name / source id, or cloud resource id. */
  subject: string;
  ruleId: string;
  /** Path, manifest, package@range or secret location: whatever pins the problem down. */
  location: string;
}

/** SHA-256 hex over the normalised parts. Case-folded: GitHub and ARM names are case-insensitive. */
export function fingerprint(parts: FingerprintParts): string {
  const canonical = [parts.kind, parts.subject.toLowerCase(), parts.ruleId, parts.location].join("\u001f");
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}
