// Signed-out pages (sign-in, signed-out): the brand bar and a narrow centred column.
import Link from "next/link";
import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-line bg-surface">
        <div className="mx-auto flex max-w-5xl items-center px-6 py-4">
          <Link href="/" className="text-lg font-semibold tracking-tight text-ink">
            Rampart
          </Link>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-md flex-1 px-6 py-16">
        {children}
      </main>
    </div>
  );
}
