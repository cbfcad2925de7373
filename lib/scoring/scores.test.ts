import { describe, expect, it } from "vitest";
import { partial } from "./control";
import { branchPatternMatches } from "./repository-posture";
import { pooledScore, stageScore } from "./scores";
import { scoringSettingsFrom, DEFAULT_SCORING_SETTINGS } from "./settings";

describe("stage score", () => {
  it("is the weighted mean of evidenced controls, ×100", () => {
    expect(stageScore([{ weight: 3, status: "pass", score: 1 }, { weight: 1, status: "fail", score: 0 }, { weight: 4, status: "partial", score: 0.5 }])).toBe(62.5);
  });
  it("leaves unknown controls out and is null with no evidence", () => {
    expect(stageScore([{ weight: 3, status: "pass", score: 1 }, { weight: 10, status: "unknown", score: null }])).toBe(100);
    expect(stageScore([{ weight: 10, status: "unknown", score: null }])).toBeNull();
    expect(stageScore([])).toBeNull();
  });
});

describe("rollup score", () => {
  it("pools repositories' sums so evidence-less repositories do not count", () => {
    expect(pooledScore([{ weighted: 17, weights: 20 }, { weighted: 0, weights: 0 }, { weighted: 9, weights: 9 }])).toBe(89.7);
    expect(pooledScore([{ weighted: 0, weights: 0 }])).toBeNull();
  });
});

describe("partial", () => {
  it("reports full or no credit as pass or fail", () => {
    expect(partial(1, {}).status).toBe("pass");
    expect(partial(0, {}).status).toBe("fail");
    expect(partial(2 / 3, {})).toMatchObject({ status: "partial", score: 0.667 });
  });
});

describe("branch patterns", () => {
  it("match like GitHub's fnmatch", () => {
    expect(branchPatternMatches("main", "main")).toBe(true);
    expect(branchPatternMatches("*", "main")).toBe(true);
    expect(branchPatternMatches("*", "release/1")).toBe(false);
    expect(branchPatternMatches("**", "release/1")).toBe(true);
    expect(branchPatternMatches("rel?ase/*", "release/1")).toBe(true);
    expect(branchPatternMatches("main.x", "mainax")).toBe(false);
  });
});

describe("scoring settings", () => {
  it("merges valid stored values over the defaults and ignores invalid ones", () => {
    const settings = scoringSettingsFrom(new Map<string, unknown>([["scoring.sla_days", { critical: 3, high: 14, medium: 60, low: 120 }], ["scoring.secure_score_threshold", "high"]]));
    expect(settings.slaDays.critical).toBe(3);
    expect(settings.secureScoreThreshold).toBe(DEFAULT_SCORING_SETTINGS.secureScoreThreshold);
  });
});
