import type { ReactNode } from "react";
import { inlineLinkClass } from "./link-styles";

interface ErrorPanelProps {
  title?: string;
  children?: ReactNode;
  /** h2 directly under a page's h1; h3 inside a titled section. */
  headingLevel?: "h2" | "h3";
}

function DatabaseHint() {
  return (
    <p>
      Rampart could not read its database, so nothing can be shown right now. Check{" "}
      <a href="/api/health" className={inlineLinkClass}>
        /api/health
      </a>{" "}
      for the server&apos;s status; the server log has the details.
    </p>
  );
}

// A failure message that never shows internal details (error text, stack, SQL) to the browser.
export function ErrorPanel({ title = "The database is unreachable", children, headingLevel = "h2" }: ErrorPanelProps) {
  const Heading = headingLevel;
  return (
    <section
      role="alert"
      className="rounded-lg border border-severity-critical/40 bg-severity-critical-bg px-6 py-5 text-ink"
    >
      <Heading className="text-lg font-semibold text-severity-critical">{title}</Heading>
      <div className="mt-2 space-y-3">{children ?? <DatabaseHint />}</div>
    </section>
  );
}
