// Which importer reads which --source of `npm run import`.
import { importAzureDevOps } from "./import-azure-devops";
import { importDefender } from "./import-defender";
import { importGitHub } from "./import-github";
import type { SourceImporter } from "./import-source";

export const IMPORT_SOURCES = ["github", "defender", "azure-devops"] as const;
export type ImportSourceName = (typeof IMPORT_SOURCES)[number];

const IMPORTERS: Record<ImportSourceName, SourceImporter | null> = {
  github: importGitHub,
  defender: importDefender,
  "azure-devops": importAzureDevOps,
};

/** The importer for a source, or null when that source's import is not built yet. */
export function importerFor(source: ImportSourceName): SourceImporter | null {
  return IMPORTERS[source];
}
