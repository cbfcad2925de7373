"use client";
// Risk acceptances on a finding: those in force or past (never hidden), and — for people allowed
// to accept risk — a form to accept this finding's risk until a date, and revoke buttons.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson } from "@/components/admin/send";

export interface AcceptanceView {
  id: string;
  scope: string;
  status: string;
  reason: string;
  approvedBy: string | null;
  expiresAt: string;
}

export function RiskAcceptancePanel(props: { findingId: string; acceptances: AcceptanceView[]; canAccept: boolean; csrfToken: string; /** yyyy-mm-dd the form proposes. */ defaultExpiry: string }) {
  const { findingId, acceptances, canAccept, csrfToken, defaultExpiry } = props;
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function accept(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    const result = await sendJson("POST", "/api/risk-acceptances", csrfToken, { scope: "finding", findingIds: [findingId], reason: form.get("reason"), expiresAt: `${String(form.get("expiresAt"))}T23:59:59Z` });
    setBusy(false);
    setMessage(result.ok ? "Risk accepted. It counts as accepted, not fixed, until it expires." : result.message);
    if (result.ok) router.refresh();
  }

  async function revoke(id: string) {
    setBusy(true);
    const result = await sendJson("DELETE", `/api/risk-acceptances/${id}`, csrfToken);
    setBusy(false);
    setMessage(result.ok ? "Acceptance revoked." : result.message);
    router.refresh();
  }

  return (
    <div className="space-y-4 text-sm">
      {message ? <p role="status" className="rounded-md border border-line bg-surface px-4 py-2">{message}</p> : null}
      {acceptances.length === 0 ? (
        <p className="text-muted">No risk has been accepted for this finding.</p>
      ) : (
        <ul className="space-y-2">
          {acceptances.map((a) => (
            <li key={a.id} className="rounded-md border border-line bg-surface p-3">
              <span className="font-medium capitalize">{a.status}</span> · {a.scope} · until {a.expiresAt.slice(0, 10)} · approved by {a.approvedBy ?? "—"}
              <span className="block text-muted">{a.reason}</span>
              {canAccept && a.status === "active" ? (
                <button type="button" disabled={busy} onClick={() => revoke(a.id)} className="mt-2 rounded-md border border-line px-2 py-1 text-xs font-medium hover:border-severity-critical">Revoke</button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canAccept ? (
        <form onSubmit={accept} className="flex flex-wrap items-end gap-3 rounded-lg border border-line bg-surface p-4" aria-label="Accept this finding's risk">
          <label className="flex min-w-64 flex-1 flex-col">
            Reason (at least 10 characters)
            <input name="reason" required minLength={10} maxLength={2000} className="mt-1 rounded-md border border-line px-2 py-1.5" />
          </label>
          <label className="flex flex-col">
            Until
            <input name="expiresAt" type="date" required defaultValue={defaultExpiry} className="mt-1 rounded-md border border-line px-2 py-1.5" />
          </label>
          <button type="submit" disabled={busy} className="rounded-md bg-accent px-4 py-2 font-semibold text-white hover:bg-accent-strong disabled:opacity-50">Accept risk</button>
        </form>
      ) : null}
    </div>
  );
}
