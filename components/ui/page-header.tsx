import type { ReactNode } from "react";

interface PageHeaderProps {
  title: string;
  description?: ReactNode;
}

// One consistent heading block per page, so each page has exactly one <h1>.
export function PageHeader({ title, description }: PageHeaderProps) {
  return (
    <header className="mb-6">
      <h1 className="text-2xl font-semibold tracking-tight text-ink">{title}</h1>
      {description ? <p className="mt-1 max-w-2xl text-muted">{description}</p> : null}
    </header>
  );
}
