// Where to send someone after sign-in. Only same-site paths are accepted: an absolute URL, a
// protocol-relative one (//evil.example) or a backslash trick would be an open redirect.
export function safeReturnTo(value: unknown): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 512) return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return null;
  if (/[\u0000-\u001f]/.test(value)) return null;
  if (value.startsWith("/auth/")) return null;
  return value;
}
