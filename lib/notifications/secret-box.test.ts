import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box";

const key = randomBytes(32);

describe("secret box", () => {
  it("round-trips in a versioned envelope with a fresh IV each time", () => {
    const a = sealSecret("https://hooks.slack.com/services/T/B/secret", "notification_rule:1", key);
    const b = sealSecret("https://hooks.slack.com/services/T/B/secret", "notification_rule:1", key);
    expect(a[0]).toBe(1);
    expect(a.equals(b)).toBe(false);
    expect(a.toString("utf8")).not.toContain("secret");
    expect(openSecret(a, "notification_rule:1", key)).toBe("https://hooks.slack.com/services/T/B/secret");
  });
  it("refuses an altered envelope, another row's context, or another key", () => {
    const sealed = sealSecret("s3cret", "notification_rule:1", key);
    const altered = Buffer.from(sealed);
    altered[altered.length - 1]! ^= 1;
    expect(() => openSecret(altered, "notification_rule:1", key)).toThrow();
    expect(() => openSecret(sealed, "notification_rule:2", key)).toThrow();
    expect(() => openSecret(sealed, "notification_rule:1", randomBytes(32))).toThrow();
  });
});
