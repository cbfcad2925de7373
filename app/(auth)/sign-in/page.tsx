// Sign in: one button to Microsoft Entra ID, and a plain explanation when the last try failed.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { primaryLinkClass } from "@/components/ui/link-styles";
import { signInConfigured } from "@/lib/auth/entra-config";
import { currentViewer } from "@/lib/auth/page";
import { homePath } from "@/lib/auth/policy";
import { safeReturnTo } from "@/lib/auth/return-to";
import { SIGN_IN_FAILURE_MESSAGES, type SignInFailure } from "@/lib/auth/sign-in";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const returnTo = safeReturnTo(params.returnTo);
  const viewer = await currentViewer();
  if (viewer) redirect(returnTo ?? homePath(viewer));
  const error = typeof params.error === "string" && params.error in SIGN_IN_FAILURE_MESSAGES ? (params.error as SignInFailure) : null;
  const configured = signInConfigured();
  const start = `/auth/sign-in${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ""}`;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight text-ink">Sign in to Rampart</h1>
      <p className="mt-2 text-muted">Use your work account. What you see depends on your role and on the repositories you can reach.</p>
      {error ? (
        <p role="alert" className="mt-6 rounded-md border border-severity-critical bg-severity-critical-bg px-4 py-3 text-sm text-ink">
          {SIGN_IN_FAILURE_MESSAGES[error]}
        </p>
      ) : null}
      {configured ? (
        <p className="mt-8">
          <a href={start} className={primaryLinkClass}>
            Sign in with Microsoft
          </a>
        </p>
      ) : (
        <p role="status" className="mt-8 rounded-md border border-line bg-surface px-4 py-3 text-sm text-muted">
          {SIGN_IN_FAILURE_MESSAGES.not_configured} See “Sign-in” in the README: ENTRA_AUTHORITY, ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET.
        </p>
      )}
    </>
  );
}
