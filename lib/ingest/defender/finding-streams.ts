// The three Defender streams that produce findings, described once: how to page through them,
// how to map a record (the assessments stream reads the recommendation catalog first), and
// which of their findings a complete read closes when Defender stops listing them.
import type { DefenderClient } from "../../sources/defender/client";
import type { RawPage } from "../../sources/defender/arm-pages";
import { alertPages, assessmentMetadata, assessmentPages, subAssessmentPages } from "../../sources/defender/fetch";
import { mapAlert } from "../../sources/defender/map-alert";
import { mapAssessment } from "../../sources/defender/map-assessment";
import { mapSubAssessment } from "../../sources/defender/map-sub-assessment";
import type { MapResult } from "../../sources/github/map-result";

export type FindingStreamName = "assessments" | "sub-assessments" | "alerts";

export interface PreparedMapper {
  map(raw: unknown, observedAt: Date): MapResult;
  /** Records read while preparing that could not be used (e.g. catalog entries), for the run's report. */
  problems: string[];
}

export interface FindingStream {
  stream: FindingStreamName;
  pages(client: DefenderClient, resumeFrom: string | null): AsyncGenerator<RawPage>;
  prepare(client: DefenderClient): Promise<PreparedMapper>;
  /** Regex on source ids of the findings a complete read closes when unlisted; null: never (alerts age out, they are not fixed). */
  closesUnlisted: string | null;
}

export const FINDING_STREAMS: FindingStream[] = [
  {
    stream: "assessments",
    pages: assessmentPages,
    async prepare(client) {
      const { byName, invalid } = await assessmentMetadata(client);
      return {
        map: (raw, observedAt) => mapAssessment(raw, { metadata: byName, observedAt }),
        problems: invalid ? [`${invalid} assessment metadata entr${invalid === 1 ? "y" : "ies"} could not be read; their recommendations fall back to medium severity`] : [],
      };
    },
    closesUnlisted: "/providers/microsoft\\.security/assessments/[^/]+$",
  },
  {
    stream: "sub-assessments",
    pages: subAssessmentPages,
    prepare: async () => ({ map: (raw, observedAt) => mapSubAssessment(raw, { observedAt }), problems: [] }),
    closesUnlisted: "/subassessments/[^/]+$",
  },
  {
    stream: "alerts",
    pages: alertPages,
    prepare: async () => ({ map: (raw, observedAt) => mapAlert(raw, { observedAt }), problems: [] }),
    closesUnlisted: null,
  },
];
