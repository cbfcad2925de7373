// Structured logs: one JSON object per line on stderr, so any collector can parse them.
// Callers pass facts, never secrets, tokens or request bodies.

type Level = "debug" | "info" | "warn" | "error";

const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  const configured = process.env.LOG_LEVEL as Level | undefined;
  return order[configured ?? "info"] ?? order.info;
}

/** Writes one structured log line if `level` is at or above LOG_LEVEL. */
export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  if (order[level] < threshold()) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  process.stderr.write(`${line}\n`);
}

/** The parts of an error worth logging: name, message, stack; never its attached data. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { errorName: error.name, error: error.message, stack: error.stack };
  return { error: String(error) };
}
