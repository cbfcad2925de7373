// The emulator's few HTML pages: one layout, no JavaScript, a strict CSP that allows only the
// page's own stylesheet (by hash) and form posts to itself and the app's redirect origin.
import { createHash } from "node:crypto";
import type { FastifyReply } from "fastify";
import type { AadstsError } from "./errors";
import { entraTimestamp } from "./errors";

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const STYLE = `
:root { color-scheme: light; font-family: "Segoe UI", system-ui, sans-serif; color: #1b1b1b; background: #f2f2f2; }
body { margin: 0; }
main { max-width: 30rem; margin: 3rem auto; background: #fff; padding: 2rem 2.5rem; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
.brand { margin: 0 0 1rem; color: #5e5e5e; font-size: .875rem; }
h1 { font-size: 1.5rem; font-weight: 600; margin: 0 0 .75rem; }
ul { list-style: none; margin: 1rem 0 0; padding: 0; }
li { border-top: 1px solid #e1e1e1; padding: .75rem 0; }
button { font: inherit; font-weight: 600; background: #0067b8; color: #fff; border: 0; padding: .5rem 1rem; min-width: 12rem; text-align: left; cursor: pointer; }
button:hover { background: #005da6; }
button:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; }
.description { margin: .35rem 0 0; color: #3b3b3b; font-size: .9rem; }
.who { display: block; color: #5e5e5e; font-size: .8rem; }
[role="alert"] { border-left: 4px solid #a80000; background: #fde7e9; padding: .5rem .75rem; }
dl { font-size: .8rem; color: #5e5e5e; word-break: break-all; }
`;
const STYLE_HASH = `'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`;

export interface Page {
  title: string;
  body: string;
  /** Origins forms on this page post to, or the POST they send redirects to (CSP form-action). */
  formOrigins?: string[];
}

function originOf(uri: string): string | undefined {
  try {
    return new URL(uri).origin;
  } catch {
    return undefined;
  }
}

/** Sends `page` with the headers the real sign-in pages send (no framing, no caching). */
export function sendPage(reply: FastifyReply, status: number, page: Page): FastifyReply {
  const origins = (page.formOrigins ?? []).map(originOf).filter((o): o is string => Boolean(o));
  const csp = [`default-src 'none'`, `style-src ${STYLE_HASH}`, `form-action 'self' ${origins.join(" ")}`.trim(), `frame-ancestors 'none'`, `base-uri 'none'`].join("; ");
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="brand">Microsoft Entra ID · local emulator</p>
${page.body}
</main>
</body>
</html>
`;
  return reply
    .code(status)
    .header("content-type", "text/html; charset=utf-8")
    .header("content-security-policy", csp)
    .header("x-frame-options", "DENY")
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "no-store, no-cache")
    .header("referrer-policy", "no-referrer")
    .send(html);
}

/** The page Entra shows when it cannot send the error back to the app. */
export function errorPage(failure: AadstsError, correlationId: string): Page {
  return {
    title: "Sign in to your account",
    body: `<h1>Sorry, but we’re having trouble signing you in.</h1>
<p role="alert">AADSTS${failure.code}: ${escapeHtml(failure.description)}</p>
<dl><dt>Error code</dt><dd>${failure.error}</dd><dt>Correlation ID</dt><dd>${escapeHtml(correlationId)}</dd><dt>Timestamp</dt><dd>${entraTimestamp()}</dd></dl>`,
  };
}

/**
 * response_mode=form_post: a form that posts the response to the app. Entra submits it with
 * an onload script; this page has none, so a person (or a test) presses Continue.
 */
export function formPostPage(redirectUri: string, fields: Record<string, string>): Page {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n");
  return {
    title: "Working...",
    formOrigins: [redirectUri],
    body: `<h1>Signing you in</h1>
<form method="post" action="${escapeHtml(redirectUri)}">
${inputs}
<button type="submit">Continue</button>
</form>`,
  };
}

export function signedOutPage(): Page {
  return {
    title: "Sign out",
    body: `<h1>You signed out of your account</h1>
<p>It’s a good idea to close all browser windows.</p>`,
  };
}
