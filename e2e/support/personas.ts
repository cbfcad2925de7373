// Signing in as the emulated tenant's personas: through the picker in a browser, or over plain
// HTTP (the same redirects, with login_hint choosing the persona) for API-level tests.
import { expect, request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";

export const PERSONAS = {
  admin: "admin",
  securityLead: "security-lead",
  auditor: "auditor",
  developer: "developer",
  developerManyGroups: "developer-many-groups",
} as const;

/** Clicks through the real sign-in: Rampart's page, then the Entra emulator's persona picker. */
export async function signInInBrowser(page: Page, persona: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Sign in with Microsoft" }).click();
  await page.locator(`button[name="persona"][value="${persona}"]`).click();
  await page.waitForURL((url) => url.origin === new URL(page.url()).origin && !url.pathname.startsWith("/auth/"));
}

export interface SignedInClient {
  request: APIRequestContext;
  csrfToken: string;
}

/** A request context holding a session for the persona (or none, for "anonymous"). */
export async function signedInClient(baseURL: string, persona: string | null): Promise<SignedInClient> {
  const request = await playwrightRequest.newContext({ baseURL, ignoreHTTPSErrors: true });
  if (persona === null) return { request, csrfToken: "" };
  const landing = await request.get(`/auth/sign-in?loginHint=${encodeURIComponent(persona)}`);
  expect(landing.ok(), `sign-in as ${persona} ended at ${landing.url()} with ${landing.status()}`).toBe(true);
  const session = await request.get("/api/session");
  expect(session.status()).toBe(200);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  return { request, csrfToken };
}
