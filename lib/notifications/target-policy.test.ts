import { describe, expect, it } from "vitest";
import { addressAllowed, checkTargetUrl, isPrivateAddress, STRICT_POLICY } from "./target-policy";

describe("notification target policy", () => {
  it("accepts public https URLs", () => {
    expect(checkTargetUrl("https://hooks.slack.com/services/T0/B0/x", STRICT_POLICY).ok).toBe(true);
    expect(checkTargetUrl("https://93.184.215.14/hook", STRICT_POLICY).ok).toBe(true);
  });
  it("refuses plain http except to loopback, and credentials in the URL", () => {
    expect(checkTargetUrl("http://hooks.example.com/x", STRICT_POLICY)).toMatchObject({ ok: false, reason: expect.stringContaining("https") });
    expect(checkTargetUrl("https://user:pw@hooks.example.com/x", STRICT_POLICY)).toMatchObject({ ok: false });
    expect(checkTargetUrl("ftp://hooks.example.com/x", STRICT_POLICY).ok).toBe(false);
  });
  it("refuses private, loopback, link-local and mapped addresses unless allow-listed", () => {
    for (const url of ["https://10.1.2.3/", "https://169.254.169.254/latest/meta-data", "http://127.0.0.1:8080/", "https://[::1]/", "https://[fd00::1]/", "https://[::ffff:10.0.0.1]/", "http://localhost:3000/", "https://100.64.0.1/"]) {
      expect(checkTargetUrl(url, STRICT_POLICY).ok, url).toBe(false);
    }
    expect(checkTargetUrl("http://127.0.0.1:8080/", { allowPrivate: ["127.0.0.1"] }).ok).toBe(true);
    expect(checkTargetUrl("https://10.20.3.4/", { allowPrivate: ["10.20.0.0/16"] }).ok).toBe(true);
    expect(checkTargetUrl("https://10.21.3.4/", { allowPrivate: ["10.20.0.0/16"] }).ok).toBe(false);
  });
  it("checks resolved addresses against the allow-list by host name too", () => {
    expect(isPrivateAddress("192.168.1.5")).toBe(true);
    expect(isPrivateAddress("8.8.8.8")).toBe(false);
    expect(addressAllowed("192.168.1.5", "hooks.corp", STRICT_POLICY)).toBe(false);
    expect(addressAllowed("192.168.1.5", "hooks.corp", { allowPrivate: ["hooks.corp"] })).toBe(true);
  });
});
