// What each Defender stream reads for one subscription. None of these lists accepts a
// "changed since" filter (assessments 2021-06-01, sub-assessments 2019-01-01-preview, alerts
// 2022-01-01), so every sync reads them whole; they are a few pages per subscription, and the
// reconcile step writes only what changed.
import { RestError } from "@azure/core-rest-pipeline";
import { readAllPipeline, readArmPages, sdkFirstPage, type RawPage } from "./arm-pages";
import { getArmJson, type DefenderClient } from "./client";
import { AssessmentMetadataSchema, type AssessmentMetadataProperties } from "./schemas";

export const CONNECTORS_API_VERSION = "2023-10-01-preview";
export const DEVOPS_API_VERSION = "2024-04-01";

const scopeOf = (client: DefenderClient) => `subscriptions/${client.subscriptionId}`;

export function assessmentPages(client: DefenderClient, resumeFrom: string | null): AsyncGenerator<RawPage> {
  return readArmPages(client, () => sdkFirstPage((o) => client.security.assessments.list(scopeOf(client), o)), resumeFrom);
}

export function subAssessmentPages(client: DefenderClient, resumeFrom: string | null): AsyncGenerator<RawPage> {
  return readArmPages(client, () => sdkFirstPage((o) => client.security.subAssessments.listAll(scopeOf(client), o)), resumeFrom);
}

export function alertPages(client: DefenderClient, resumeFrom: string | null): AsyncGenerator<RawPage> {
  return readArmPages(client, () => sdkFirstPage((o) => client.security.alerts.list(o)), resumeFrom);
}

async function readAll(pages: AsyncGenerator<RawPage>): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const page of pages) items.push(...page.items);
  return items;
}

/**
 * The recommendation catalog (built-in and custom) by assessment name, lower-cased. Entries
 * that do not parse are returned apart, so the caller can report them.
 */
export async function assessmentMetadata(client: DefenderClient): Promise<{ byName: Map<string, AssessmentMetadataProperties>; invalid: number }> {
  const items = await readAll(readArmPages(client, () => sdkFirstPage((o) => client.security.assessmentsMetadata.listBySubscription(o))));
  const byName = new Map<string, AssessmentMetadataProperties>();
  let invalid = 0;
  for (const item of items) {
    const parsed = AssessmentMetadataSchema.safeParse(item);
    if (parsed.success) byName.set(parsed.data.name.toLowerCase(), parsed.data.properties);
    else invalid++;
  }
  return { byName, invalid };
}

/** The subscription's secure scores and the controls of its built-in score, raw. */
export async function secureScores(client: DefenderClient): Promise<{ scores: unknown[]; controls: unknown[] }> {
  const scores = await readAll(readArmPages(client, () => sdkFirstPage((o) => client.security.secureScores.list(o))));
  const controls = await readAll(readArmPages(client, () => sdkFirstPage((o) => client.security.secureScoreControls.list(o))));
  return { scores, controls };
}

export function securityConnectors(client: DefenderClient): Promise<unknown[]> {
  return readAllPipeline(client, `/subscriptions/${client.subscriptionId}/providers/Microsoft.Security/securityConnectors?api-version=${CONNECTORS_API_VERSION}`);
}

/** A DevOps inventory list under a connector; a connector without DevOps configuration has none (404). */
export async function devOpsList(client: DefenderClient, connectorId: string, path: string): Promise<unknown[]> {
  try {
    return await readAllPipeline(client, `${connectorId}/devops/default/${path}?api-version=${DEVOPS_API_VERSION}`);
  } catch (error) {
    if (error instanceof RestError && error.statusCode === 404) return [];
    throw error;
  }
}

/** The subscription as ARM shows it to this identity (what "Test connection" checks). */
export async function readSubscription(client: DefenderClient): Promise<{ displayName: string | null; state: string | null }> {
  const body = (await getArmJson(client, `/subscriptions/${client.subscriptionId}?api-version=2022-12-01`)) as { displayName?: string; state?: string };
  return { displayName: body.displayName ?? null, state: body.state ?? null };
}
