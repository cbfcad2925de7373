// Shown for any URL that matches no route.
import type { Metadata } from "next";
import Link from "next/link";
import { primaryLinkClass, secondaryLinkClass } from "@/components/ui/link-styles";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-2xl px-6 py-24">
      <h1 className="text-3xl font-semibold tracking-tight text-ink">Page not found</h1>
      <p className="mt-3 text-muted">
        There is nothing at this address. It may have been mistyped, or the repository, team or report it pointed
        to may have been removed or be outside what you can see.
      </p>
      <p className="mt-8 flex flex-wrap gap-3">
        <Link href="/" className={primaryLinkClass}>
          Go to the home page
        </Link>
        <Link href="/overview" className={secondaryLinkClass}>
          Open the dashboard
        </Link>
      </p>
    </main>
  );
}
