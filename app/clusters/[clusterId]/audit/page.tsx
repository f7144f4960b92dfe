import { AuditView } from '@/components/audit/audit-view'
import { PageHeader } from '@/components/ui/page-header'

export const metadata = { title: 'Audit' }

type AuditPageProps = { params: Promise<{ clusterId: string }> }

export default async function AuditPage({ params }: AuditPageProps) {
  const { clusterId } = await params
  return (
    <>
      <PageHeader
        title="Audit"
        description="Every action taken through Ferry on this cluster: who, what, on which resource and how it ended."
      />
      <AuditView clusterId={clusterId} />
    </>
  )
}
