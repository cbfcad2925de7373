"use client";
// Admin → Connections: the list with status and last test, "Test connection", "Remove", and a
// form to add one. Every action goes through the admin API (policy + CSRF + audit).
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson } from "./send";

export interface ConnectionView {
  id: string;
  kind: string;
  displayName: string;
  baseUrl: string;
  secretRef: string | null;
  status: string;
  lastTestedAt: string | null;
  lastTestResult: TestResult | null;
}

interface TestResult {
  ok: boolean;
  error?: string;
  targets: { scope: string; ok: boolean; error?: string; displayName?: string | null; readsRemaining?: number | null; permissions?: Record<string, string>; rateLimit?: { core: { limit: number; remaining: number } } }[];
}

const CONFIG_EXAMPLES: Record<string, string> = {
  github_app: '{ "appId": 123456, "installations": [{ "id": 7890123, "account": "my-org" }] }',
  github_token: '{ "orgs": ["my-org"] }',
  azure_subscription: '{ "subscriptionId": "00000000-0000-0000-0000-000000000000", "tenantId": "…" }',
  azure_management_group: '{ "managementGroupId": "my-mg", "tenantId": "…" }',
  azure_devops_org: '{ "organization": "my-ado-org" }',
};
const DEFAULT_BASE_URLS: Record<string, string> = {
  github_app: "https://api.github.com",
  github_token: "https://api.github.com",
  azure_subscription: "https://management.azure.com",
  azure_management_group: "https://management.azure.com",
  azure_devops_org: "https://dev.azure.com",
};

function TestSummary({ result }: { result: TestResult }) {
  if (result.error) return <p className="text-severity-critical">{result.error}</p>;
  return (
    <ul className="space-y-1">
      {result.targets.map((t) => (
        <li key={t.scope}>
          <span className="font-medium">{t.displayName ? `${t.displayName} (${t.scope})` : t.scope}</span>: {t.ok ? "OK" : `failed — ${t.error}`}
          {t.readsRemaining != null ? ` · ${t.readsRemaining} reads left in the throttling window` : ""}
          {t.rateLimit ? ` · ${t.rateLimit.core.remaining}/${t.rateLimit.core.limit} requests left this hour` : ""}
          {t.permissions ? (
            <span className="block text-xs text-muted">
              Permissions: {Object.entries(t.permissions).map(([k, v]) => `${k}: ${v}`).join(", ")}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function ConnectionsPanel({ connections, csrfToken }: { connections: ConnectionView[]; csrfToken: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [kind, setKind] = useState("github_app");

  async function test(id: string) {
    setBusy(id);
    const result = await sendJson("POST", `/api/admin/connections/${id}/test`, csrfToken);
    setBusy(null);
    setMessage(result.ok ? null : result.message);
    router.refresh();
  }

  async function remove(c: ConnectionView) {
    if (!window.confirm(`Remove “${c.displayName}”? Its synced data stays, but it will no longer sync.`)) return;
    setBusy(c.id);
    const result = await sendJson("DELETE", `/api/admin/connections/${c.id}`, csrfToken);
    setBusy(null);
    setMessage(result.ok ? `Removed “${c.displayName}”.` : result.message);
    router.refresh();
  }

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    let config: unknown;
    try {
      config = JSON.parse(String(form.get("config") || "{}"));
    } catch {
      setMessage("Settings must be valid JSON.");
      return;
    }
    setBusy("new");
    const secretRef = String(form.get("secretRef") ?? "").trim();
    const result = await sendJson("POST", "/api/admin/connections", csrfToken, {
      kind,
      displayName: form.get("displayName"),
      baseUrl: form.get("baseUrl"),
      config,
      secretRef: secretRef || null,
    });
    setBusy(null);
    setMessage(result.ok ? "Connection saved. Test it, then the next scheduled sync picks it up." : result.message);
    if (result.ok) router.refresh();
  }

  return (
    <div className="space-y-6">
      {message ? <p role="status" className="rounded-md border border-line bg-surface px-4 py-2 text-sm">{message}</p> : null}
      {connections.length === 0 ? (
        <p className="text-muted">No connections yet. Add the first one below.</p>
      ) : (
        <ul className="divide-y divide-line rounded-lg border border-line bg-surface">
          {connections.map((c) => (
            <li key={c.id} className="p-4 text-sm">
              <div className="flex flex-wrap items-center gap-3">
                <span className="font-semibold text-ink">{c.displayName}</span>
                <span className="text-muted">{c.kind.replace(/_/g, " ")}</span>
                <span className="rounded bg-canvas px-2 py-0.5 text-xs">{c.status}</span>
                <span className="ml-auto flex gap-2">
                  <button type="button" disabled={busy !== null} onClick={() => test(c.id)} className="rounded-md border border-line px-3 py-1 font-medium hover:border-accent disabled:opacity-50">
                    {busy === c.id ? "Working…" : "Test connection"}
                  </button>
                  <button type="button" disabled={busy !== null} onClick={() => remove(c)} className="rounded-md border border-line px-3 py-1 font-medium text-severity-critical hover:border-severity-critical disabled:opacity-50">
                    Remove
                  </button>
                </span>
              </div>
              <p className="mt-1 font-mono text-xs text-muted">{c.baseUrl} · secret {c.secretRef ?? "none"}</p>
              {c.lastTestResult ? (
                <div className="mt-2">
                  <p className="text-xs text-muted">Last test {c.lastTestedAt ? new Date(c.lastTestedAt).toUTCString() : ""}</p>
                  <TestSummary result={c.lastTestResult} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      <form onSubmit={add} className="space-y-3 rounded-lg border border-line bg-surface p-4" aria-labelledby="add-connection-heading">
        <h3 id="add-connection-heading" className="font-semibold text-ink">Add a connection</h3>
        <label className="block text-sm">
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value)} className="mt-1 block w-full rounded-md border border-line px-2 py-1.5">
            <option value="github_app">GitHub App installation</option>
            <option value="github_token">GitHub fine-grained token</option>
            <option value="azure_subscription">Azure subscription (Defender for Cloud)</option>
            <option value="azure_management_group">Azure management group</option>
            <option value="azure_devops_org">Azure DevOps organization</option>
          </select>
        </label>
        <label className="block text-sm">
          Name
          <input name="displayName" required maxLength={100} className="mt-1 block w-full rounded-md border border-line px-2 py-1.5" />
        </label>
        <label className="block text-sm">
          API base URL
          <input name="baseUrl" required key={kind} defaultValue={DEFAULT_BASE_URLS[kind]} className="mt-1 block w-full rounded-md border border-line px-2 py-1.5 font-mono" />
        </label>
        <label className="block text-sm">
          Settings (JSON)
          <textarea name="config" required key={`config-${kind}`} defaultValue={CONFIG_EXAMPLES[kind]} rows={3} className="mt-1 block w-full rounded-md border border-line px-2 py-1.5 font-mono text-xs" />
        </label>
        <label className="block text-sm">
          Secret reference
          <input name="secretRef" placeholder="env:RAMPART_CONN_GITHUB_KEY or file:/…/secrets/github.pem" className="mt-1 block w-full rounded-md border border-line px-2 py-1.5 font-mono" />
          <span className="mt-1 block text-xs text-muted">Rampart stores where the secret is, never the secret. Leave empty for Azure connections that use workload or managed identity.</span>
        </label>
        <button type="submit" disabled={busy !== null} className="rounded-md bg-accent px-4 py-2 text-sm font-semibold text-white hover:bg-accent-strong disabled:opacity-50">
          {busy === "new" ? "Saving…" : "Save connection"}
        </button>
      </form>
    </div>
  );
}
