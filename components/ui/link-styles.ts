// Shared class lists so every primary/secondary action looks and focuses the same.
export const primaryLinkClass =
  "inline-flex items-center justify-center rounded-md bg-accent px-4 py-2 text-sm font-semibold text-white hover:bg-accent-strong";

export const secondaryLinkClass =
  "inline-flex items-center justify-center rounded-md border border-line bg-surface px-4 py-2 text-sm font-semibold text-ink hover:border-accent hover:text-accent";

export const inlineLinkClass = "font-medium text-accent underline underline-offset-2 hover:text-accent-strong";
