import Link from "next/link";
import type { ReactNode } from "react";
import { primaryLinkClass } from "./link-styles";

interface EmptyStateProps {
  title: string;
  body: ReactNode;
  action?: { href: string; label: string };
  /** h2 directly under a page's h1; h3 inside a titled section. */
  headingLevel?: "h2" | "h3";
}

// Says plainly that there is nothing here yet and what would change that, instead of fake data.
export function EmptyState({ title, body, action, headingLevel = "h2" }: EmptyStateProps) {
  const Heading = headingLevel;
  return (
    <section className="rounded-lg border border-dashed border-line bg-surface px-6 py-10 text-center">
      <Heading className="text-lg font-semibold text-ink">{title}</Heading>
      <div className="mx-auto mt-2 max-w-xl text-muted">{body}</div>
      {action ? (
        <p className="mt-6">
          <Link href={action.href} className={primaryLinkClass}>
            {action.label}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
