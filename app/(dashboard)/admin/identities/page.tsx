// Admin → Identity mapping: who is who across Entra ID and the sources (decides what developers see).
import type { Metadata } from "next";
import { IdentityLinksPanel } from "@/components/admin/identity-links-panel";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/page";
import { database } from "@/lib/db";
import { listIdentityLinks } from "@/lib/data/identity-links";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Identity mapping" };

export default async function IdentitiesPage() {
  const viewer = await requirePermission("identities.manage");
  const [links, organizations] = await Promise.all([
    listIdentityLinks(),
    database().prisma.organization.findMany({ where: { deletedAt: null }, orderBy: { login: "asc" }, select: { id: true, login: true } }),
  ]);
  return (
    <>
      <PageHeader title="Identity mapping" description="Developers see the repositories their source accounts can reach. Links from SAML single sign-on arrive with each sync; add one here when it is missing or wrong." />
      <IdentityLinksPanel links={links} organizations={organizations} csrfToken={viewer.csrfToken} />
    </>
  );
}
