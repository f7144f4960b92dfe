import { ClusterOverview } from '@/components/overview/cluster-overview'

export const metadata = { title: 'Overview' }

type OverviewPageProps = { params: Promise<{ clusterId: string }> }

export default async function OverviewPage({ params }: OverviewPageProps) {
  const { clusterId } = await params
  return <ClusterOverview clusterId={clusterId} />
}
