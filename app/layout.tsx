// Root layout: document shell, metadata, global styles and client providers.
import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Rampart", template: "%s · Rampart" },
  description:
    "DevSecOps posture across GitHub Advanced Security, Microsoft Defender for Cloud and the Azure DevOps audit log, scored per lifecycle stage.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // proxy.ts sends a per-request CSP nonce; Next can only stamp it on its scripts when the page is
  // rendered per request, so no page (landing, 404 included) may be prerendered at build time.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-surface focus:px-4 focus:py-2 focus:font-medium focus:text-accent focus:shadow-lg"
        >
          Skip to content
        </a>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
