// Notification rules: the data functions the admin API calls (after its policy check) and the
// loader the notify job uses. Channel credentials never leave this module in plain text except
// to the sender: Teams and Slack webhook URLs (the URL is the credential) and webhook signing
// secrets are sealed with secret-box; the `target` column keeps a redacted URL for display.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { database } from "../db";
import { Prisma } from "../generated/prisma/client";
import { NotFoundError, ValidationError } from "../http/errors";
import { log } from "../http/log";
import type { ActiveRule } from "./match-rule";
import { loadTargetPolicy } from "./notification-settings";
import { CONDITIONS_BY_TRIGGER, parseConditions, QuietHours, RuleInput, RuleUpdate, TRIGGERS, type Channel, type RuleConditions, type Trigger } from "./rule-schema";
import { openSecret, sealSecret, secretKeyConfigured } from "./secret-box";
import { checkTargetUrl } from "./target-policy";

/** A rule as the admin pages show it: no secrets, Teams/Slack URLs redacted. */
export interface RuleView {
  id: string;
  name: string;
  trigger: Trigger;
  conditions: RuleConditions;
  channel: Channel;
  target: string;
  hasSigningSecret: boolean;
  digest: boolean;
  quietHours: QuietHours | null;
  enabled: boolean;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What is sealed in `secret_ciphertext`. */
const SealedChannel = z.object({ url: z.string().optional(), signingSecret: z.string().optional() });
type SealedChannel = z.infer<typeof SealedChannel>;

const sealContext = (ruleId: string) => `notification_rule:${ruleId}`;
/** Teams and Slack webhook URLs carry their credential, so they are sealed like a secret. */
const urlIsSecret = (channel: Channel) => channel === "teams" || channel === "slack";

/** Scheme, host and first path segment: enough to recognise a webhook, not to use it. */
export function redactUrl(raw: string): string {
  const url = new URL(raw);
  const first = url.pathname.split("/").filter(Boolean)[0];
  return `${url.origin}/${first ? `${first}/` : ""}…`;
}

function validationError(error: z.ZodError): ValidationError {
  return new ValidationError("The notification rule is not valid.", error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
}

function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** Checks a channel's destination and returns the columns to store for it. */
async function channelColumns(ruleId: string, channel: Channel, target: string, signingSecret: string | null): Promise<{ target: string; secretCiphertext: Uint8Array<ArrayBuffer> | null }> {
  const fail = (path: string, message: string) => new ValidationError("The notification rule is not valid.", [{ path, message }]);
  if (channel === "email") throw fail("channel", "Email notifications are not available yet: Rampart has no SMTP transport configured.");
  const check = checkTargetUrl(target, await loadTargetPolicy());
  if (!check.ok) throw fail("target", `The target URL ${check.reason}.`);
  if (channel === "webhook" && !signingSecret) throw fail("secret", "A webhook needs a signing secret (at least 16 characters) so receivers can verify deliveries.");
  if (!secretKeyConfigured()) throw fail("channel", "RAMPART_SECRET_KEY is not set, so Rampart cannot store this channel's credentials.");
  const sealed: SealedChannel = urlIsSecret(channel) ? { url: check.url.toString() } : { signingSecret: signingSecret ?? undefined };
  const envelope = sealSecret(JSON.stringify(sealed), sealContext(ruleId));
  return { target: urlIsSecret(channel) ? redactUrl(check.url.toString()) : check.url.toString(), secretCiphertext: new Uint8Array(envelope) };
}

type RuleRow = { id: string; name: string; trigger: string; conditions: unknown; channel: Channel; target: string; secretCiphertext: Uint8Array | null; digest: boolean; quietHours: unknown; enabled: boolean; createdBy: string; createdAt: Date; updatedAt: Date };

function toView(row: RuleRow): RuleView {
  const trigger = row.trigger as Trigger;
  const quiet = QuietHours.safeParse(row.quietHours);
  return {
    id: row.id,
    name: row.name,
    trigger,
    conditions: parseConditions(trigger, row.conditions),
    channel: row.channel,
    target: row.target,
    hasSigningSecret: row.channel === "webhook" && row.secretCiphertext !== null,
    digest: row.digest,
    quietHours: quiet.success ? quiet.data : null,
    enabled: row.enabled,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The sealed destination of a rule: the real URL and signing secret. For the sender only. */
export function openChannel(row: { id: string; channel: Channel; target: string; secretCiphertext: Uint8Array | null }): { url: string; signingSecret: string | null } {
  const sealed = row.secretCiphertext ? SealedChannel.parse(JSON.parse(openSecret(row.secretCiphertext, sealContext(row.id)))) : {};
  return { url: urlIsSecret(row.channel) ? (sealed.url ?? "") : row.target, signingSecret: sealed.signingSecret ?? null };
}

/** Creates a rule; throws ValidationError (with field paths) when the input or target is refused. */
export async function createRule(input: unknown, createdBy: string): Promise<RuleView> {
  const rule = parseOrThrow(RuleInput, input);
  const id = randomUUID();
  const columns = await channelColumns(id, rule.channel, rule.target, rule.secret ?? null);
  const row = await database().prisma.notificationRule.create({
    data: { id, name: rule.name, trigger: rule.trigger, conditions: rule.conditions as object, channel: rule.channel, ...columns, digest: rule.digest, quietHours: rule.quietHours ?? undefined, enabled: rule.enabled, createdBy },
  });
  return toView(row);
}

/**
 * Changes a rule. An absent field keeps its value; `secret: null` removes the signing secret
 * (which a webhook rule refuses). A new channel without a new target keeps the old URL.
 */
export async function updateRule(id: string, patch: unknown): Promise<RuleView> {
  const change = parseOrThrow(RuleUpdate, patch);
  const { prisma } = database();
  const current = await prisma.notificationRule.findUnique({ where: { id } });
  if (!current) throw new NotFoundError("No such notification rule.");
  const trigger = current.trigger as Trigger;
  let conditions: RuleConditions | undefined;
  if (change.conditions !== undefined) {
    const parsed = CONDITIONS_BY_TRIGGER[trigger].safeParse(change.conditions);
    if (!parsed.success) throw new ValidationError("The notification rule is not valid.", parsed.error.issues.map((i) => ({ path: ["conditions", ...i.path].join("."), message: i.message })));
    conditions = parsed.data;
  }

  let columns: { target: string; secretCiphertext: Uint8Array<ArrayBuffer> | null } | undefined;
  if (change.channel !== undefined || change.target !== undefined || change.secret !== undefined) {
    const existing = current.channel === "email" ? { url: current.target, signingSecret: null } : openChannel(current);
    const channel = change.channel ?? current.channel;
    const signingSecret = change.secret === undefined ? existing.signingSecret : change.secret;
    columns = await channelColumns(id, channel, change.target ?? existing.url, signingSecret);
  }
  const row = await prisma.notificationRule.update({
    where: { id },
    data: {
      name: change.name,
      conditions: conditions as object | undefined,
      channel: change.channel,
      ...columns,
      digest: change.digest,
      quietHours: change.quietHours === undefined ? undefined : (change.quietHours ?? Prisma.DbNull),
      enabled: change.enabled,
    },
  });
  return toView(row);
}

/** Deletes a rule and its delivery log. */
export async function deleteRule(id: string): Promise<void> {
  const { count } = await database().prisma.notificationRule.deleteMany({ where: { id } });
  if (count === 0) throw new NotFoundError("No such notification rule.");
}

/** Every rule, newest first, for the admin page. */
export async function listRules(): Promise<RuleView[]> {
  const rows = await database().prisma.notificationRule.findMany({ orderBy: { createdAt: "desc" } });
  return rows.map(toView);
}

/** One rule, or NotFoundError. */
export async function getRule(id: string): Promise<RuleView> {
  const row = await database().prisma.notificationRule.findUnique({ where: { id } });
  if (!row) throw new NotFoundError("No such notification rule.");
  return toView(row);
}

/** Enabled rules with valid stored conditions, for the notify job (a broken row is logged and skipped). */
export async function loadActiveRules(): Promise<ActiveRule[]> {
  const rows = await database().prisma.notificationRule.findMany({ where: { enabled: true, trigger: { in: [...TRIGGERS] } } });
  const rules: ActiveRule[] = [];
  for (const row of rows) {
    try {
      const view = toView(row);
      rules.push({ id: view.id, name: view.name, trigger: view.trigger, conditions: view.conditions, channel: view.channel, digest: view.digest, quietHours: view.quietHours });
    } catch (error) {
      log("warn", "notification rule skipped: stored conditions are invalid", { ruleId: row.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return rules;
}
