"use client";
// Admin → Notifications: rules (what to watch, where to send it), pausing and removing them, and
// the delivery log. Secrets are write-only: the page never sees a stored URL credential or key.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson } from "./send";

export interface RuleRow {
  id: string;
  name: string;
  trigger: string;
  channel: string;
  target: string;
  digest: boolean;
  enabled: boolean;
  scope: string;
}

export interface DeliveryRow {
  id: string;
  ruleName: string;
  title: string;
  status: string;
  attempts: number;
  responseCode: number | null;
  lastError: string | null;
  createdAt: string;
}

const TRIGGER_LABELS: Record<string, string> = {
  critical_finding: "A critical finding appears",
  sla_breach: "A finding breaches its SLA",
  control_failed: "A control turns failing",
  score_drop: "A stage score drops",
};
const input = "mt-1 block w-full rounded-md border border-line px-2 py-1.5";

export function NotificationsPanel({ rules, deliveries, teams, csrfToken, secretKeyConfigured }: { rules: RuleRow[]; deliveries: DeliveryRow[]; teams: { id: string; name: string }[]; csrfToken: string; secretKeyConfigured: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function act(method: "POST" | "PATCH" | "DELETE", url: string, body: unknown, ok: string) {
    setBusy(true);
    const result = await sendJson(method, url, csrfToken, body);
    setBusy(false);
    setMessage(result.ok ? ok : result.message);
    if (result.ok) router.refresh();
  }

  function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const team = String(form.get("team") ?? "");
    const secret = String(form.get("secret") ?? "");
    void act(
      "POST",
      "/api/admin/notification-rules",
      {
        name: form.get("name"),
        trigger: form.get("trigger"),
        conditions: { scope: team ? { kind: "team", teamIds: [team] } : { kind: "all" } },
        channel: form.get("channel"),
        target: form.get("target"),
        ...(secret ? { secret } : {}),
        digest: form.get("digest") === "on",
      },
      "Rule saved. It is checked every minute and after each scoring run.",
    );
  }

  return (
    <div className="space-y-8 text-sm">
      {message ? <p role="status" className="rounded-md border border-line bg-surface px-4 py-2">{message}</p> : null}
      {!secretKeyConfigured ? (
        <p role="note" className="rounded-md border border-line bg-surface px-4 py-2">RAMPART_SECRET_KEY is not set: rules cannot store channel credentials until it is (see the README).</p>
      ) : null}
      <section aria-labelledby="rules-heading">
        <h2 id="rules-heading" className="mb-2 text-lg font-semibold text-ink">Rules</h2>
        {rules.length === 0 ? (
          <p className="text-muted">No rules yet.</p>
        ) : (
          <ul className="divide-y divide-line rounded-lg border border-line bg-surface">
            {rules.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-3 p-3">
                <span className="font-semibold">{r.name}</span>
                <span className="text-muted">{TRIGGER_LABELS[r.trigger] ?? r.trigger} → {r.channel} ({r.target}) · {r.scope}{r.digest ? " · daily digest" : ""}{r.enabled ? "" : " · paused"}</span>
                <span className="ml-auto flex gap-2">
                  <button type="button" disabled={busy} onClick={() => void act("PATCH", `/api/admin/notification-rules/${r.id}`, { enabled: !r.enabled }, r.enabled ? "Rule paused." : "Rule resumed.")} className="rounded-md border border-line px-2 py-1 font-medium hover:border-accent">
                    {r.enabled ? "Pause" : "Resume"}
                  </button>
                  <button type="button" disabled={busy} onClick={() => void act("DELETE", `/api/admin/notification-rules/${r.id}`, undefined, "Rule removed.")} className="rounded-md border border-line px-2 py-1 font-medium text-severity-critical hover:border-severity-critical">
                    Remove
                  </button>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <form onSubmit={create} className="grid gap-3 rounded-lg border border-line bg-surface p-4 sm:grid-cols-2" aria-labelledby="new-rule-heading">
        <h2 id="new-rule-heading" className="text-lg font-semibold text-ink sm:col-span-2">Add a rule</h2>
        <label>Name<input name="name" required maxLength={100} className={input} /></label>
        <label>
          When
          <select name="trigger" className={input}>
            {Object.entries(TRIGGER_LABELS).map(([value, label]) => (
              <option key={value} value={value}>{label}</option>
            ))}
          </select>
        </label>
        <label>
          For
          <select name="team" className={input}>
            <option value="">Every team and organization</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>{t.name}</option>
            ))}
          </select>
        </label>
        <label>
          Send to
          <select name="channel" className={input}>
            <option value="teams">Microsoft Teams (workflow webhook)</option>
            <option value="slack">Slack (incoming webhook)</option>
            <option value="webhook">Signed webhook (HMAC-SHA256)</option>
          </select>
        </label>
        <label className="sm:col-span-2">Webhook URL (https)<input name="target" type="url" required className={input} /></label>
        <label>Signing secret (signed webhooks, ≥ 16 characters)<input name="secret" type="password" minLength={16} autoComplete="off" className={input} /></label>
        <label className="flex items-center gap-2 self-end"><input type="checkbox" name="digest" /> Daily digest (critical events still go at once)</label>
        <p className="sm:col-span-2">
          <button type="submit" disabled={busy} className="rounded-md bg-accent px-4 py-2 font-semibold text-white hover:bg-accent-strong disabled:opacity-50">Save rule</button>
        </p>
      </form>
      <section aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading" className="mb-2 text-lg font-semibold text-ink">Delivery log</h2>
        {deliveries.length === 0 ? (
          <p className="text-muted">Nothing sent yet.</p>
        ) : (
          <div role="region" aria-label="Delivery log" tabIndex={0} className="overflow-x-auto rounded-lg border border-line bg-surface">
            <table className="w-full text-left">
              <caption className="sr-only">Delivery log</caption>
              <thead className="border-b border-line text-muted">
                <tr><th scope="col" className="px-3 py-2">When</th><th scope="col" className="px-3 py-2">Rule</th><th scope="col" className="px-3 py-2">What</th><th scope="col" className="px-3 py-2">Status</th><th scope="col" className="px-3 py-2">Attempts</th><th scope="col" className="px-3 py-2">Last error</th></tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.id} className="border-b border-line last:border-0">
                    <td className="px-3 py-2 whitespace-nowrap">{d.createdAt.slice(0, 16).replace("T", " ")} UTC</td>
                    <td className="px-3 py-2">{d.ruleName}</td>
                    <td className="px-3 py-2">{d.title}</td>
                    <td className="px-3 py-2">{d.status}{d.responseCode ? ` (${d.responseCode})` : ""}</td>
                    <td className="px-3 py-2 tabular-nums">{d.attempts}</td>
                    <td className="px-3 py-2 text-xs">{d.lastError ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
