// Dashboard shell: top bar, primary navigation, and the main landmark every dashboard page renders into.
import Link from "next/link";
import type { ReactNode } from "react";
import { NavLink } from "@/components/ui/nav-link";

const navItems = [
  { href: "/overview", label: "Overview" },
  { href: "/orgs", label: "Organizations" },
  { href: "/teams", label: "Teams" },
  { href: "/repos", label: "Repositories" },
  { href: "/findings", label: "Findings" },
  { href: "/reports", label: "Reports" },
  { href: "/admin", label: "Admin" },
] as const;

export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-line bg-surface">
        <div className="flex items-center px-6 py-3">
          <Link href="/overview" className="text-lg font-semibold tracking-tight text-ink">
            Rampart
          </Link>
        </div>
      </header>

      <div className="flex flex-1 flex-col md:flex-row">
        <nav aria-label="Primary" className="border-b border-line bg-surface md:w-56 md:shrink-0 md:border-b-0 md:border-r">
          <ul className="flex gap-1 overflow-x-auto p-3 md:flex-col">
            {navItems.map((item) => (
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
