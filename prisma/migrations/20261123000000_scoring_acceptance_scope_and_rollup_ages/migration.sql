-- Written by hand: `npm run db:migration` currently fails replaying app_audit_append_only (the
-- WASM schema engine splits its $$-quoted function body). Same statements Prisma generates.

-- AlterTable
ALTER TABLE "posture_rollup" ADD COLUMN     "controls_accepted" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "open_accepted" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "open_age_0_7" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "open_age_8_30" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "open_age_31_90" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "open_age_over_90" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "risk_acceptance" ADD COLUMN     "organization_id" UUID,
ADD COLUMN     "team_id" UUID;

-- CreateIndex
CREATE INDEX "risk_acceptance_team_id_idx" ON "risk_acceptance"("team_id");

-- CreateIndex
CREATE INDEX "risk_acceptance_organization_id_idx" ON "risk_acceptance"("organization_id");

-- AddForeignKey
ALTER TABLE "risk_acceptance" ADD CONSTRAINT "risk_acceptance_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "risk_acceptance" ADD CONSTRAINT "risk_acceptance_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
