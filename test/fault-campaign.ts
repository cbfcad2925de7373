// Fault-injection tests exercise the connectors' retry and resume logic, which does not depend on
// the database. CI runs them once, against PostgreSQL; its second pass on the embedded database
// sets RAMPART_SKIP_FAULT_CAMPAIGN=1 to spend its time on what does differ there.
import { it } from "vitest";

export const faultCampaign = process.env.RAMPART_SKIP_FAULT_CAMPAIGN === "1" ? it.skip : it;
