// Shown with a 403 when a signed-in person opens a page their role does not include.
import Link from "next/link";
import type { Metadata } from "next";
import { secondaryLinkClass } from "@/components/ui/link-styles";

export const metadata: Metadata = { title: "Not available to you" };

export default function Forbidden() {
  return (
    <main id="main" className="mx-auto max-w-2xl px-6 py-24">
      <h1 className="text-3xl font-semibold tracking-tight text-ink">Not available to you</h1>
      <p className="mt-3 text-muted">Your role does not include this page. If you need it, ask a Rampart admin.</p>
      <p className="mt-8">
        <Link href="/" className={secondaryLinkClass}>Go to the home page</Link>
      </p>
    </main>
  );
}
