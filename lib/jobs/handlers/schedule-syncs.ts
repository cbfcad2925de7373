// Fans out one sync job per enabled connection. The singleton key makes a second firing while
// a sync is still queued a no-op.
import type PgBoss from "pg-boss";
import { database } from "../../db";
import { JOBS, ScheduleSyncsPayload } from "../names";

export async function handleScheduleSyncs(boss: PgBoss, data: unknown): Promise<{ queued: number }> {
  const { mode } = ScheduleSyncsPayload.parse(data);
  const connections = await database().prisma.connection.findMany({ where: { enabled: true }, select: { id: true } });
  let queued = 0;
  for (const { id } of connections) {
    const jobId = await boss.send(JOBS.syncConnection, { connectionId: id, mode }, { singletonKey: `${id}:${mode}` });
    if (jobId) queued++;
  }
  return { queued };
}
