// Knobs of one ARM emulator instance that tests and benchmarks turn through the admin
// endpoint (PUT /arm/settings): a smaller page size, so paging is exercised at tiny scale, and
// the per-subscription read budget.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { EmulatorContext } from "../core/context";

/** ARM's documented read limit per subscription (and per tenant) per hour. */
export const ARM_READS_PER_HOUR = 12_000;

export const ArmSettingsSchema = z
  .object({
    /** Overrides every paged list's page size (null: the service's own sizes). */
    pageSize: z.number().int().min(1).max(5000).nullable(),
    readsPerHour: z.number().int().min(1),
  })
  .strict();

export type ArmSettings = z.infer<typeof ArmSettingsSchema>;

const defaults = (): ArmSettings => ({ pageSize: null, readsPerHour: ARM_READS_PER_HOUR });
const byContext = new WeakMap<EmulatorContext, ArmSettings>();

export function armSettings(ctx: EmulatorContext): ArmSettings {
  let settings = byContext.get(ctx);
  if (!settings) byContext.set(ctx, (settings = defaults()));
  return settings;
}

/** Admin routes: GET/PUT/DELETE /arm/settings. `onReset` also clears the read budgets. */
export function registerArmSettings(admin: FastifyInstance, ctx: EmulatorContext, onReset: () => void): void {
  admin.get("/arm/settings", async () => armSettings(ctx));
  admin.put("/arm/settings", async (request) => {
    const partial = ArmSettingsSchema.partial().parse(request.body ?? {});
    return Object.assign(armSettings(ctx), partial);
  });
  admin.delete("/arm/settings", async () => {
    byContext.set(ctx, defaults());
    onReset();
    return armSettings(ctx);
  });
}
