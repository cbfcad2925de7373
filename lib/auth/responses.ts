// Redirects that set or clear cookies, for the sign-in routes.
export function redirectWithCookies(location: string, cookies: string[], status = 303): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return new Response(null, { status, headers });
}

export function tooManyRequests(): Response {
  return new Response("Too many sign-in attempts from this address. Wait a minute and try again.", {
    status: 429,
    headers: { "retry-after": "60", "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
