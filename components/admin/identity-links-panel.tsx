"use client";
// Admin → Identity mapping: links between Entra users and source logins. SAML links come from
// the source; admins add their own (to fix or fill gaps) and may remove only those.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson } from "./send";

export interface IdentityLinkView {
  id: string;
  organization: string;
  login: string;
  entraUpn: string | null;
  entraObjectId: string | null;
  origin: string;
}

export function IdentityLinksPanel({ links, organizations, csrfToken }: { links: IdentityLinkView[]; organizations: { id: string; login: string }[]; csrfToken: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const upn = String(form.get("entraUpn") ?? "").trim();
    setBusy(true);
    const result = await sendJson("POST", "/api/admin/identity-links", csrfToken, { organizationId: form.get("organizationId"), login: form.get("login"), entraUpn: upn || undefined });
    setBusy(false);
    setMessage(result.ok ? "Link saved. It applies from the person's next request." : result.message);
    if (result.ok) router.refresh();
  }

  async function remove(link: IdentityLinkView) {
    setBusy(true);
    const result = await sendJson("DELETE", `/api/admin/identity-links/${link.id}`, csrfToken);
    setBusy(false);
    setMessage(result.ok ? `Removed the link for ${link.login}.` : result.message);
    router.refresh();
  }

  return (
    <div className="space-y-6">
      {message ? <p role="status" className="rounded-md border border-line bg-surface px-4 py-2 text-sm">{message}</p> : null}
      <form onSubmit={add} className="flex flex-wrap items-end gap-3 rounded-lg border border-line bg-surface p-4" aria-label="Add an identity link">
        <label className="flex flex-col text-sm">
          Organization
          <select name="organizationId" required className="mt-1 rounded-md border border-line px-2 py-1.5">
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>{o.login}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          Source login
          <input name="login" required maxLength={100} className="mt-1 rounded-md border border-line px-2 py-1.5" />
        </label>
        <label className="flex flex-col text-sm">
          Entra user (UPN)
          <input name="entraUpn" type="email" required maxLength={200} className="mt-1 rounded-md border border-line px-2 py-1.5" />
        </label>
        <button type="submit" disabled={busy || organizations.length === 0} className="rounded-md bg-accent px-4 py-2 text-sm font-semibold text-white hover:bg-accent-strong disabled:opacity-50">Add link</button>
      </form>
      {links.length === 0 ? (
        <p className="text-muted">No identity links yet. They arrive with the first GitHub sync of an org that uses SAML single sign-on.</p>
      ) : (
        <div role="region" aria-label="Identity links" tabIndex={0} className="overflow-x-auto rounded-lg border border-line bg-surface">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Identity links</caption>
            <thead className="border-b border-line text-muted">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Organization</th>
                <th scope="col" className="px-4 py-2 font-medium">Login</th>
                <th scope="col" className="px-4 py-2 font-medium">Entra user</th>
                <th scope="col" className="px-4 py-2 font-medium">From</th>
                <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {links.map((l) => (
                <tr key={l.id} className="border-b border-line last:border-0">
                  <td className="px-4 py-2">{l.organization}</td>
                  <td className="px-4 py-2 font-mono">{l.login}</td>
                  <td className="px-4 py-2">{l.entraUpn ?? l.entraObjectId}</td>
                  <td className="px-4 py-2">{l.origin === "admin" ? "Admin" : l.origin.toUpperCase()}</td>
                  <td className="px-4 py-2 text-right">
                    {l.origin === "admin" ? (
                      <button type="button" disabled={busy} onClick={() => remove(l)} className="rounded-md border border-line px-2 py-1 text-xs font-medium hover:border-severity-critical">Remove</button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
