// The work-item text: sections in both renderings, and a finding's own text kept inert.
import { describe, expect, it } from "vitest";
import { describeFinding, toHtml, toMarkdown, type FindingSubject } from "./describe";

const subject: FindingSubject = {
  id: "7",
  title: "Injected <img src=x> [click](https://evil.example)",
  severity: "critical",
  state: "open",
  stage: "pre_commit",
  kind: "secret",
  source: "github",
  ruleId: "aws_access_key",
  ruleName: null,
  locationPath: "config/prod env.yml",
  locationLine: 3,
  url: null,
  cveId: null,
  details: {},
  firstSeenAt: new Date("2026-10-01T00:00:00Z"),
  repository: { fullName: "acme/api", url: "https://github.com/acme/api", defaultBranch: "main", source: "github" },
};

describe("describeFinding", () => {
  it("says what, where, why and how, and links back to Rampart", () => {
    const content = describeFinding(subject, "https://rampart.example.com/");
    expect(content.title).toBe("[Critical] Injected <img src=x> [click](https://evil.example) in acme/api");
    expect(content.rampartUrl).toBe("https://rampart.example.com/findings/7");
    const markdown = toMarkdown(content);
    expect(markdown).toContain("[config/prod env.yml:3](https://github.com/acme/api/blob/main/config/prod%20env.yml#L3)");
    expect(markdown).toContain("Revoke and rotate the secret");
    expect(markdown).toContain("Lifecycle stage: pre-commit");
  });

  it("keeps the finding's text from becoming markup", () => {
    const content = describeFinding(subject, undefined);
    expect(toMarkdown(content)).toContain("Injected \\<img src=x\\> \\[click\\](https://evil.example)");
    const html = toHtml(content);
    expect(html).toContain("Injected &lt;img src=x&gt; [click](https://evil.example)");
    expect(html).not.toContain("<img");
    expect(html).toContain('<a href="/findings/7">');
  });
});
