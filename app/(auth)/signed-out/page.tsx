// Where Entra ID returns after sign-out.
import type { Metadata } from "next";
import { secondaryLinkClass } from "@/components/ui/link-styles";

export const metadata: Metadata = { title: "Signed out" };

export default function SignedOutPage() {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight text-ink">You are signed out</h1>
      <p className="mt-2 text-muted">Your Rampart session has ended and you have been signed out of Microsoft Entra ID.</p>
      <p className="mt-8">
        <a href="/sign-in" className={secondaryLinkClass}>
          Sign in again
        </a>
      </p>
    </>
  );
}
