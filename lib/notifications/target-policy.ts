// Where Rampart may send notifications. Rule targets are URLs an admin typed, and the worker
// that posts to them sits inside the customer's network, so an unchecked URL is a request
// forgery (SSRF) primitive: it could reach the cloud metadata service (169.254.169.254), the
// database host, or an internal admin API. The rules:
//
// - https only; plain http only to a loopback host (local receivers in tests and the demo);
// - no credentials in the URL (user:pass@host);
// - no private, loopback, link-local, CGNAT, multicast or reserved address — checked on the IP
//   literal when the URL has one, and on every address the name resolves to at connect time
//   (see http-post.ts), so DNS cannot point an allowed name at an internal address;
// - unless the setting `notifications.allowed_private_targets` lists the host name, the
//   address, or a CIDR block containing it (e.g. ["127.0.0.1"], ["10.20.0.0/16", "hooks.corp"]).
import { BlockList, isIP } from "node:net";
import { z } from "zod";

export const ALLOWED_PRIVATE_TARGETS_SETTING = "notifications.allowed_private_targets";

export const AllowedPrivateTargets = z.array(z.string().trim().min(1).max(200)).max(100);

export interface TargetPolicy {
  /** Host names, IP addresses and CIDR blocks that may be reached although private. */
  allowPrivate: readonly string[];
}

export const STRICT_POLICY: TargetPolicy = { allowPrivate: [] };

const BLOCKED_V4 = ["0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4"];
const BLOCKED_V6 = ["::/128", "::1/128", "64:ff9b::/96", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "ff00::/8"];

const blocked = new BlockList();
for (const cidr of BLOCKED_V4) blocked.addSubnet(cidr.split("/")[0]!, Number(cidr.split("/")[1]), "ipv4");
for (const cidr of BLOCKED_V6) blocked.addSubnet(cidr.split("/")[0]!, Number(cidr.split("/")[1]), "ipv6");

/** An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is the IPv4 address it carries. */
function normalizeAddress(address: string): { address: string; family: "ipv4" | "ipv6" } {
  const bare = address.replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return { address: mapped[1]!, family: "ipv4" };
  return { address: bare, family: isIP(bare) === 6 ? "ipv6" : "ipv4" };
}

/** Whether an address is in a range a notification must not reach by default. */
export function isPrivateAddress(address: string): boolean {
  const { address: ip, family } = normalizeAddress(address);
  return blocked.check(ip, family);
}

function allowListed(address: string, hostname: string, policy: TargetPolicy): boolean {
  const { address: ip, family } = normalizeAddress(address);
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  for (const entry of policy.allowPrivate) {
    const value = entry.toLowerCase();
    if (value === host || value === ip) return true;
    const [base, bits] = value.split("/");
    if (bits !== undefined && isIP(base!) !== 0) {
      const list = new BlockList();
      const entryFamily = isIP(base!) === 6 ? "ipv6" : "ipv4";
      try {
        list.addSubnet(base!, Number(bits), entryFamily);
        if (entryFamily === family && list.check(ip, family)) return true;
      } catch {
        // A malformed CIDR allows nothing.
      }
    }
  }
  return false;
}

/** Whether a connection to `address` (resolved from `hostname`) is allowed. */
export function addressAllowed(address: string, hostname: string, policy: TargetPolicy): boolean {
  return !isPrivateAddress(address) || allowListed(address, hostname, policy);
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

export type TargetCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * The checks that need no DNS: scheme, credentials, and IP-literal hosts. Used when a rule is
 * saved (so the admin hears about it at once) and again before every delivery.
 */
export function checkTargetUrl(raw: string, policy: TargetPolicy): TargetCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "not a valid URL" };
  }
  const loopbackHost = LOOPBACK_NAMES.has(url.hostname) || /^127\./.test(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopbackHost)) return { ok: false, reason: "must use https (plain http only to a loopback host)" };
  if (url.username || url.password) return { ok: false, reason: "must not carry credentials (user:password@)" };
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (url.hostname === "localhost" && !allowListed("127.0.0.1", "localhost", policy)) return { ok: false, reason: `address of ${url.hostname} is private; add it to ${ALLOWED_PRIVATE_TARGETS_SETTING} to allow it` };
  if (isIP(literal) !== 0 && !addressAllowed(literal, url.hostname, policy)) return { ok: false, reason: `address ${literal} is private; add it to ${ALLOWED_PRIVATE_TARGETS_SETTING} to allow it` };
  return { ok: true, url };
}
