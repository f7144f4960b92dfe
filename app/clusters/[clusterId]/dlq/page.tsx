import Link from 'next/link'
import { DlqDashboard } from '@/components/dlq/dlq-dashboard'
import { dlqExplorerHref } from '@/components/dlq/dlq-model'
import { PageHeader } from '@/components/ui/page-header'

export const metadata = { title: 'Dead letters' }

type DeadLettersPageProps = { params: Promise<{ clusterId: string }> }

export default async function DeadLettersPage({ params }: DeadLettersPageProps) {
  const { clusterId } = await params
  return (
    <>
      <PageHeader
        title="Dead letters"
        description="Records your consumers gave up on: what is pending, why it failed, and replays."
        actions={
          <Link
            href={dlqExplorerHref(clusterId)}
            data-testid="dlq-explore-link"
            className="text-sm font-medium text-accent hover:underline"
          >
            Explore all dead letters
          </Link>
        }
      />
      <DlqDashboard clusterId={clusterId} />
    </>
  )
}
