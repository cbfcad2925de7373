// One audit log entry as the service decorates it (DecoratedAuditLogEntry), computed from the
// world's generated facts for entry i of an org. Ids follow the service's format,
// "<DateTime.MaxValue ticks − event ticks>;<actor id>;<event guid>", so they sort newest first
// as strings of equal length, and a continuation token (the last id) names its entry exactly.
import type { EmulatorContext } from "../core/context";
import { Rng } from "../core/random";
import { AUDIT_ACTIONS, auditCount, auditEntry, auditIndexAtOrAfter, auditTimestamp, type AdoOrg, type AuditEntrySeed } from "../world/azure-devops";
import { describeAction } from "./audit-details";

const TICKS_AT_UNIX_EPOCH = 621_355_968_000_000_000n;
const MAX_TICKS = 3_155_378_975_999_999_999n;
export const ZERO_GUID = "00000000-0000-0000-0000-000000000000";

/** Sub-millisecond ticks from the index keep ids distinct and ordered within one millisecond. */
function ticksOf(timestampMs: number, index: number): bigint {
  return BigInt(timestampMs) * 10_000n + BigInt(index % 10_000) + TICKS_AT_UNIX_EPOCH;
}

/** "2019-03-05T14:05:02.1460838+00:00", the service's seven-digit UTC timestamps. */
export function auditTime(timestampMs: number, index: number): string {
  const sub = String(index % 10_000).padStart(4, "0");
  return `${new Date(timestampMs).toISOString().replace("Z", "")}${sub}+00:00`;
}

export function auditId(seed: AuditEntrySeed, actorUserId: string): string {
  return `${MAX_TICKS - ticksOf(seed.timestamp, seed.index)};${actorUserId};${seed.correlationId}`;
}

/** The entry index a continuation token (an entry id) names, or undefined if none does. */
export function indexOfId(org: AdoOrg, id: string): number | undefined {
  const reversed = /^(\d{1,19});/.exec(id)?.[1];
  if (!reversed) return undefined;
  const ticks = MAX_TICKS - BigInt(reversed) - TICKS_AT_UNIX_EPOCH;
  if (ticks < 0n) return undefined;
  const ms = Number(ticks / 10_000n);
  const sub = Number(ticks % 10_000n);
  const count = auditCount(org);
  for (let i = auditIndexAtOrAfter(org, ms); i < count; i++) {
    if (auditTimestamp(org, i) !== ms) return undefined;
    if (i % 10_000 === sub) return i;
  }
  return undefined;
}

export interface Actor {
  userId: string;
  cuid: string;
  upn: string;
  displayName: string;
}

export function actorOf(ctx: EmulatorContext, actorIndex: number): Actor {
  const user = ctx.world.entra.users[actorIndex] ?? ctx.world.entra.users[0]!;
  return {
    userId: Rng.of(ctx.world.seed, "ado-user", actorIndex).uuid(),
    cuid: Rng.of(ctx.world.seed, "ado-cuid", actorIndex).uuid(),
    upn: user.upn,
    displayName: user.displayName,
  };
}

export function seedOf(ctx: EmulatorContext, org: AdoOrg, index: number): AuditEntrySeed {
  return auditEntry(ctx.world.seed, org, index, ctx.world.entra.users.length);
}

export function isAccessLog(seed: AuditEntrySeed): boolean {
  return AUDIT_ACTIONS[seed.actionIndex]!.actionId === "AuditLog.AccessLog";
}

const PROJECT_AREAS = new Set(["Git", "Policy", "Library", "Pipelines", "Release", "Project"]);

/** DecoratedAuditLogEntry; `aggregated` lists the other entries folded into an AccessLog entry. */
export function decorate(ctx: EmulatorContext, baseUrl: string, org: AdoOrg, seed: AuditEntrySeed, aggregated: AuditEntrySeed[] = []): Record<string, unknown> {
  const action = AUDIT_ACTIONS[seed.actionIndex]!;
  const actor = actorOf(ctx, seed.actorIndex);
  const project = org.projects[seed.projectIndex]!;
  const { data, details } = describeAction(ctx, org, seed, actor, aggregated);
  const browser = seed.userAgent.startsWith("Mozilla");
  const entry: Record<string, unknown> = {
    id: auditId(seed, actor.userId),
    correlationId: seed.correlationId,
    activityId: seed.activityId,
    actorCUID: actor.cuid,
    actorUserId: actor.userId,
    actorClientId: ZERO_GUID,
    actorUPN: actor.upn,
    authenticationMechanism: browser ? "AAD_Cookie" : `PAT_Unscoped authorizationId: ${Rng.of(seed.salt, "pat").uuid()}`,
    timestamp: auditTime(seed.timestamp, seed.index),
    scopeType: "organization",
    scopeDisplayName: `${org.name} (Organization)`,
    scopeId: org.id,
  };
  if (PROJECT_AREAS.has(action.area)) {
    entry.projectId = project.id;
    entry.projectName = project.name;
  }
  Object.assign(entry, {
    ipAddress: seed.ipAddress,
    userAgent: seed.userAgent,
    actionId: action.actionId,
    data,
    details,
    area: action.area,
    category: action.category.toLowerCase(),
    categoryDisplayName: action.category,
    actorDisplayName: actor.displayName,
    actorImageUrl: `${baseUrl}/${org.name}/_apis/GraphProfile/MemberAvatars/aad.${Buffer.from(actor.userId).toString("base64url")}`,
  });
  return entry;
}
