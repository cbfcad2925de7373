// Viewers for data-layer tests: the policy's Viewer value with a fixed repository scope, so a
// test can ask "what does a developer who owns exactly these repositories see".
import { randomUUID } from "node:crypto";
import type { RepositoryScope, Viewer } from "../lib/auth/policy";
import type { Role } from "../lib/auth/roles";

export function testViewer(roles: Role[], repositoryIds?: Iterable<string>): Viewer {
  const scope: RepositoryScope = roles.some((r) => r !== "developer") ? "all" : new Set(repositoryIds ?? []);
  return {
    userId: randomUUID(),
    sessionId: randomUUID(),
    tenantId: randomUUID(),
    objectId: randomUUID(),
    upn: "someone@example.test",
    displayName: "Someone",
    roles,
    groups: [],
    csrfToken: "test",
    repositoryScope: async () => scope,
  };
}
