"use client";

// Last-resort boundary for dashboard pages: a generic message, never the error's text.
import { ErrorPanel } from "@/components/ui/error-panel";

export default function DashboardError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorPanel title="This page could not be shown">
      <p>Something went wrong on the server. Try again; if it keeps happening, an administrator can check the server log.</p>
      <p>
        <button
          type="button"
          onClick={() => retry()}
          className="rounded-md border border-line bg-surface px-4 py-2 text-sm font-semibold text-ink hover:border-accent hover:text-accent"
        >
          Try again
        </button>
      </p>
    </ErrorPanel>
  );
}
