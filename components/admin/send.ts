// fetch for admin actions: same-origin JSON with the session's CSRF token; errors come back as
// the API's own message (never a stack), ready to show.
export async function sendJson(method: "POST" | "PATCH" | "DELETE", url: string, csrfToken: string, body?: unknown): Promise<{ ok: true; data: unknown } | { ok: false; message: string }> {
  try {
    const response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: { "x-csrf-token": csrfToken, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = (await response.json().catch(() => null)) as { error?: { message?: string; issues?: { path: string; message: string }[] } } | null;
    if (!response.ok) {
      const issues = data?.error?.issues?.map((i) => `${i.path}: ${i.message}`).join("; ");
      return { ok: false, message: [data?.error?.message ?? `Request failed (${response.status}).`, issues].filter(Boolean).join(" ") };
    }
    return { ok: true, data };
  } catch {
    return { ok: false, message: "Rampart could not be reached. Check your network and try again." };
  }
}
