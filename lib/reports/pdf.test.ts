// The PDF renderer produces a real PDF: header, page count, and the report's words in the page
// content streams (inflated and decoded here; the built-in fonts write text as hex strings).
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildEvidencePack } from "./evidence-pack";
import { renderEvidencePackPdf, renderPdf } from "./pdf";
import { evidenceExcerpt } from "./pdf-excerpt";
import { samplePostureReport } from "./sample";

function pageCount(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}

/** The text drawn on the pages, one string per text-showing operator. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  const out: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1]!, "latin1")).toString("latin1");
    } catch {
      continue; // not a deflated stream (e.g. font data)
    }
    for (const op of content.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hexes = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [op[2]!];
      out.push(hexes.map((h) => Buffer.from(h, "hex").toString("latin1")).join(""));
    }
  }
  return out.join("\n");
}

describe("renderPdf", () => {
  const report = samplePostureReport({ controls: 60, findings: 1000, scope: { kind: "org", id: "fabrikam", name: "Fabrikam Payments" } });

  it("renders a multi-page PDF with the scope, stamps, controls and page numbers", async () => {
    const started = performance.now();
    const pdf = await renderPdf(report);
    const ms = performance.now() - started;
    const pages = pageCount(pdf);
    console.info(`[pdf] 60 controls, 1000 findings (50 listed): ${pages} pages, ${(pdf.length / 1024).toFixed(0)} KiB in ${ms.toFixed(0)} ms`);

    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.subarray(-6).toString("latin1")).toContain("%%EOF");
    expect(pages).toBeGreaterThanOrEqual(4);
    const text = pdfText(pdf);
    expect(text).toContain("Fabrikam Payments");
    expect(text).toContain("Posture report");
    expect(text).toContain(report.controls[59]!.title);
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    // The footer's as-of stamp is on every page.
    expect(text.match(/as of 2025-09-30 23:59 UTC/g)?.length).toBe(pages);
    expect(text).toContain("Sync coverage");
    // The bar chart's labels (SVG text) are drawn.
    expect(text).toContain("CI: 64");
  }, 60_000);

  it("lists every open finding when asked, on more pages", async () => {
    const started = performance.now();
    const pdf = await renderPdf(report, { findingsLimit: Infinity });
    console.info(`[pdf] 60 controls, all 1000 findings listed: ${pageCount(pdf)} pages in ${(performance.now() - started).toFixed(0)} ms`);
    expect(pageCount(pdf)).toBeGreaterThan(pageCount(await renderPdf(report)));
  }, 60_000);

  it("renders the same bytes twice (creation date is the report's generatedAt)", async () => {
    const small = samplePostureReport({ controls: 8, findings: 20 });
    expect((await renderPdf(small)).equals(await renderPdf(small))).toBe(true);
  }, 60_000);

  it("draws characters the built-in font lacks as ? instead of dropping the row", async () => {
    const odd = samplePostureReport({ controls: 2, findings: 3, scope: { kind: "team", id: "t", name: "Équipe 漢字" } });
    const text = pdfText(await renderPdf(odd));
    expect(text).toContain("Équipe ??");
  }, 60_000);
});

describe("renderEvidencePackPdf", () => {
  it.each(["ssdf", "scorecard"] as const)("renders the %s pack with every requirement", async (framework) => {
    const pack = buildEvidencePack(samplePostureReport({ controls: 60, findings: 1000 }), framework);
    const pdf = await renderEvidencePackPdf(pack);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(2);
    const text = pdfText(pdf);
    expect(text).toContain("Contoso Engineering");
    for (const r of pack.requirements) expect(text).toContain(r.id);
  }, 60_000);
});

describe("evidenceExcerpt", () => {
  it("is stable, short and says when it is cut", () => {
    expect(evidenceExcerpt({ b: 1, a: "x" })).toBe('a: "x", b: 1');
    expect(evidenceExcerpt({})).toBe("(no evidence recorded)");
    const long = evidenceExcerpt({ ids: Array.from({ length: 100 }, (_, i) => i) }, 40);
    expect(long).toHaveLength(40);
    expect(long.endsWith("…")).toBe(true);
  });
});
