// One team's scorecard (see scope-scorecard-page.tsx).
import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/page";
import { getTeam } from "@/lib/data/scopes";
import { ScopeScorecardPage } from "../../scope-scorecard-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Team" };

export default async function TeamPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requirePermission("posture.read");
  const { id } = await params;
  return <ScopeScorecardPage viewer={viewer} scope={await getTeam(id)} />;
}
