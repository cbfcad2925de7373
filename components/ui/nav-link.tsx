"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

interface NavLinkProps {
  href: string;
  children: ReactNode;
}

// A navigation link that marks itself aria-current="page" on its own route and the routes below it.
export function NavLink({ href, children }: NavLinkProps) {
  const pathname = usePathname();
  const current = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={
        current
          ? "block rounded-md bg-accent/10 px-3 py-2 text-sm font-semibold text-accent-strong"
          : "block rounded-md px-3 py-2 text-sm font-medium text-ink hover:bg-line/50 hover:text-accent-strong"
      }
    >
      {children}
    </Link>
  );
}
