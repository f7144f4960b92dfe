import Link from 'next/link'
import { Suspense } from 'react'
import { DeadLetterExplorer } from '@/components/dlq/dead-letter-explorer'
import { PageHeader } from '@/components/ui/page-header'
import { TableSkeleton } from '@/components/ui/skeleton'
import { clusterHref } from '@/lib/nav'

export const metadata = { title: 'Dead-letter explorer' }

type ExplorerPageProps = { params: Promise<{ clusterId: string }> }

export default async function DeadLetterExplorerPage({ params }: ExplorerPageProps) {
  const { clusterId } = await params
  return (
    <>
      <PageHeader
        title="Dead-letter explorer"
        description="Filter dead letters, read why they failed, replay or discard them."
        actions={
          <Link href={clusterHref(clusterId, 'dlq')} className="text-sm font-medium text-accent hover:underline">
            Dashboard
          </Link>
        }
      />
      {/* useSearchParams needs a Suspense boundary in a statically rendered page. */}
      <Suspense fallback={<TableSkeleton rows={10} columns={7} />}>
        <DeadLetterExplorer clusterId={clusterId} />
      </Suspense>
    </>
  )
}
