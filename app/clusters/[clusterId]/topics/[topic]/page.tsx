import Link from 'next/link'
import { EmptyState } from '@/components/ui/empty-state'
import { PageHeader } from '@/components/ui/page-header'
import { clusterHref } from '@/lib/nav'

type TopicPageProps = { params: Promise<{ clusterId: string; topic: string }> }

export default async function TopicPage({ params }: TopicPageProps) {
  const { clusterId, topic } = await params
  const name = decodeURIComponent(topic)
  return (
    <>
      <PageHeader title={<span className="font-mono">{name}</span>} description="Topic" />
      <EmptyState
        title="The topic browser is coming in a later release"
        description="Partition details, configs and a message explorer for this topic will live here."
        action={
          <Link href={clusterHref(clusterId, 'topics')} className="text-sm font-medium text-accent hover:underline">
            Back to all topics
          </Link>
        }
      />
    </>
  )
}
