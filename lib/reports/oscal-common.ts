// Pieces shared by the OSCAL assessment-results and POA&M builders: metadata, namespaced props,
// identifiers. OSCAL arrays are `minItems: 1`, so empty lists are left out rather than emitted.
import type { ReportScope, ReportViewer } from "./model";
import { uuidV5 } from "./uuid";

export const OSCAL_VERSION = "1.1.3";
/** Namespace of Rampart's own OSCAL props (OSCAL reserves un-namespaced names for itself). */
export const RAMPART_OSCAL_NS = "urn:rampart:oscal";

export interface OscalProp {
  name: string;
  value: string;
  ns?: string;
  class?: string;
}

/** A Rampart-namespaced prop. */
export function prop(name: string, value: string | number | null, propClass?: string): OscalProp {
  return { name, ns: RAMPART_OSCAL_NS, value: value === null ? "unknown" : String(value), ...(propClass ? { class: oscalToken(propClass) } : {}) };
}

/** `list` unless it is empty (OSCAL forbids empty arrays). */
export function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

/**
 * An identifier OSCAL accepts as a token (starts with a letter or `_`; letters, digits, `.`,
 * `-`, `_` after). Catalog ids that already fit are unchanged; others keep a readable form.
 */
export function oscalToken(id: string): string {
  const cleaned = id.replace(/[^\p{L}\p{N}._-]/gu, "_");
  return /^[\p{L}_]/u.test(cleaned) ? cleaned : `_${cleaned}`;
}

/** A stable string for the subject a document describes, used as a UUID name. */
export function scopeKey(scope: ReportScope): string {
  return `${scope.kind}:${scope.id}`;
}

/** The back-matter resource that names the assessed scope; subjects point at it. */
export function scopeResource(scope: ReportScope) {
  return {
    uuid: uuidV5(`scope-resource|${scopeKey(scope)}`),
    title: `${scope.kind} ${scope.name}`,
    description: `The ${scope.kind} assessed by Rampart: ${scope.name} (${scope.id}).`,
    props: [prop("scope-kind", scope.kind), prop("scope-id", scope.id)],
  };
}

interface MetadataInput {
  title: string;
  generatedAt: string;
  asOf: string;
  scope: ReportScope;
  viewer: ReportViewer;
  extraProps?: OscalProp[];
}

/** Document metadata: Rampart as the assessing tool, the viewer as the person who prepared it. */
export function metadata({ title, generatedAt, asOf, scope, viewer, extraProps = [] }: MetadataInput) {
  const tool = uuidV5("party|rampart");
  const person = uuidV5(`party|${viewer.upn}`);
  return {
    title,
    "last-modified": generatedAt,
    // The version names the state described, so two documents for the same date compare equal.
    version: `as-of-${asOf}`,
    "oscal-version": OSCAL_VERSION,
    props: [prop("scope-kind", scope.kind), prop("scope-id", scope.id), prop("as-of", asOf), ...extraProps],
    roles: [
      { id: "assessor", title: "Assessor" },
      { id: "prepared-by", title: "Prepared By" },
    ],
    parties: [
      { uuid: tool, type: "organization", name: "Rampart (automated assessment)" },
      { uuid: person, type: "person", name: viewer.upn, ...(viewer.roles.length ? { props: viewer.roles.map((r) => prop("viewer-role", r)) } : {}) },
    ],
    "responsible-parties": [
      { "role-id": "assessor", "party-uuids": [tool] },
      { "role-id": "prepared-by", "party-uuids": [person] },
    ],
  };
}
