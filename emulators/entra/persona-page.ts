// The demo's sign-in page: one button per persona, posting back to the authorize endpoint with
// the original request's parameters, so choosing a persona finishes the authorize request.
import type { Directory } from "./directory";
import { escapeHtml, type Page } from "./html";

/** Parameters the picker must not carry forward: the choice itself. */
const NOT_CARRIED = new Set(["persona"]);

export interface PickerOptions {
  /** Where the form posts: the authorize endpoint path, as requested. */
  action: string;
  /** The authorize request's parameters, carried as hidden fields. */
  params: Record<string, string | undefined>;
  appName: string;
  /** Shown as an alert, e.g. when login_hint matched nobody. */
  notice?: string;
}

export function personaPickerPage(directory: Directory, options: PickerOptions): Page {
  const hidden = Object.entries(options.params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && !NOT_CARRIED.has(entry[0]))
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n");
  const personas = directory.world.personas
    .map((persona) => {
      const user = directory.world.users[persona.userIndex]!;
      const roles = persona.roles.length > 0 ? persona.roles.join(", ") : "no app role (Developer)";
      const descriptionId = `persona-${persona.id}-description`;
      return `<li>
<button type="submit" name="persona" value="${escapeHtml(persona.id)}" aria-describedby="${descriptionId}">${escapeHtml(persona.label)}</button>
<p class="description" id="${descriptionId}">${escapeHtml(persona.description)}<span class="who">${escapeHtml(user.displayName)} · ${escapeHtml(user.upn)} · ${escapeHtml(roles)}</span></p>
</li>`;
    })
    .join("\n");
  const notice = options.notice ? `<p role="alert">${escapeHtml(options.notice)}</p>\n` : "";
  return {
    title: "Sign in to your account",
    formOrigins: options.params.redirect_uri ? [options.params.redirect_uri] : [],
    body: `<h1 id="pick-heading">Pick an account</h1>
<p>to continue to <strong>${escapeHtml(options.appName)}</strong></p>
${notice}<form method="post" action="${escapeHtml(options.action)}" aria-labelledby="pick-heading">
${hidden}
<ul>
${personas}
</ul>
</form>`,
  };
}
