// Dashboard shell: top bar with who is signed in and sign-out, navigation limited to what the
// viewer may open, and the main landmark every page renders into. Each page still checks its own
// permission (layouts and pages render concurrently); this only decides what to show.
import Link from "next/link";
import type { ReactNode } from "react";
import { NavLink } from "@/components/ui/nav-link";
import { currentViewer } from "@/lib/auth/page";
import { hasPermission, homePath, type Permission } from "@/lib/auth/policy";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { CSRF_FIELD } from "@/lib/auth/csrf";
import { failingStreamCount } from "@/lib/data/sync-status";

const navItems: { href: string; label: string; permission: Permission }[] = [
  { href: "/overview", label: "Overview", permission: "posture.read" },
  { href: "/my", label: "My repositories", permission: "posture.read" },
  { href: "/orgs", label: "Organizations", permission: "posture.read" },
  { href: "/teams", label: "Teams", permission: "posture.read" },
  { href: "/repos", label: "Repositories", permission: "posture.read" },
  { href: "/findings", label: "Findings", permission: "findings.read" },
  { href: "/reports", label: "Reports", permission: "reports.read" },
  { href: "/admin/sync", label: "Sync status", permission: "sync.read" },
  { href: "/admin/notifications", label: "Notifications", permission: "notifications.manage" },
  { href: "/admin", label: "Admin", permission: "connections.manage" },
];

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const viewer = await currentViewer();
  const items = viewer ? navItems.filter((item) => hasPermission(viewer, item.permission)) : [];
  const failing = viewer && hasPermission(viewer, "sync.read") ? await failingStreamCount().catch(() => 0) : 0;
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-line bg-surface">
        <div className="flex items-center gap-4 px-6 py-3">
          <Link href={viewer ? homePath(viewer) : "/"} className="text-lg font-semibold tracking-tight text-ink">
            Rampart
          </Link>
          {viewer ? (
            <div className="ml-auto flex items-center gap-3 text-sm">
              {failing > 0 ? (
                <Link href="/admin/sync" className="rounded-md bg-severity-critical-bg px-3 py-1.5 font-medium text-severity-critical underline-offset-2 hover:underline">
                  {failing} sync stream{failing === 1 ? "" : "s"} failing
                </Link>
              ) : null}
              <span className="text-muted">
                <span className="font-medium text-ink">{viewer.displayName ?? viewer.upn}</span> · {viewer.roles.map((r) => ROLE_LABELS[r]).join(", ")}
              </span>
              <form method="post" action="/auth/sign-out">
                <input type="hidden" name={CSRF_FIELD} value={viewer.csrfToken} />
                <button type="submit" className="rounded-md border border-line px-3 py-1.5 font-medium text-ink hover:border-accent hover:text-accent">
                  Sign out
                </button>
              </form>
            </div>
          ) : null}
        </div>
      </header>

      <div className="flex flex-1 flex-col md:flex-row">
        <nav aria-label="Primary" className="border-b border-line bg-surface md:w-56 md:shrink-0 md:border-b-0 md:border-r">
          <ul className="flex gap-1 overflow-x-auto p-3 md:flex-col">
            {items.map((item) => (
              <li key={item.href}>
                <NavLink href={item.href}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>

        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-6 py-8 focus:outline-none">
          <div className="mx-auto max-w-5xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
