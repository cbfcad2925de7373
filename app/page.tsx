// Signed-out landing page: what Rampart is, and the way in.
import type { Metadata } from "next";
import Link from "next/link";
import { primaryLinkClass, secondaryLinkClass } from "@/components/ui/link-styles";

export const metadata: Metadata = {
  title: { absolute: "Rampart — DevSecOps posture dashboard" },
};

const points = [
  {
    title: "Scored at every lifecycle stage",
    body: "Each repository, team and organization gets a scorecard for pre-commit, CI, CD and operate — from push protection and branch rules to pipeline approvals, cloud alerts and time to fix.",
  },
  {
    title: "From the sources you already run",
    body: "GitHub Advanced Security, Microsoft Defender for Cloud and the Azure DevOps audit log, kept in sync in one place. Developers see the findings of their own repositories, ranked by what to fix first.",
  },
  {
    title: "Exports auditors can use",
    body: "Compliance reports as PDF, CSV and OSCAL, for a period or as of a date, with controls mapped to NIST SSDF, OpenSSF Scorecard and OWASP DSOMM.",
  },
] as const;

export default function LandingPage() {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-line bg-surface">
        <div className="mx-auto flex max-w-5xl items-center px-6 py-4">
          <span className="text-lg font-semibold tracking-tight">Rampart</span>
        </div>
      </header>

      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-6 py-16">
        <h1 className="max-w-3xl text-4xl font-semibold tracking-tight text-ink">
          See how well every repository, team and organization is secured — from commit to production.
        </h1>
        <p className="mt-4 max-w-2xl text-lg text-muted">
          Rampart is a DevSecOps posture dashboard for security teams, developers and auditors.
        </p>

        <p className="mt-8 flex flex-wrap gap-3">
          <a href="/sign-in" className={primaryLinkClass}>
            Sign in with Microsoft
          </a>
          <Link href="/overview" className={secondaryLinkClass}>
            Open dashboard
          </Link>
        </p>

        <ul className="mt-16 grid gap-6 md:grid-cols-3">
          {points.map((point) => (
            <li key={point.title} className="rounded-lg border border-line bg-surface p-6">
              <h2 className="text-base font-semibold text-ink">{point.title}</h2>
              <p className="mt-2 text-sm text-muted">{point.body}</p>
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}
