import { GroupDetailView } from '@/components/groups/group-detail'

/** Next hands dynamic segments over still percent-encoded; a malformed escape shows as typed instead of throwing. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

type GroupPageProps = { params: Promise<{ clusterId: string; groupId: string }> }

export async function generateMetadata({ params }: GroupPageProps) {
  const { groupId } = await params
  return { title: `Group ${safeDecode(groupId)}` }
}

export default async function GroupPage({ params }: GroupPageProps) {
  const { clusterId, groupId } = await params
  return <GroupDetailView clusterId={clusterId} groupId={safeDecode(groupId)} />
}
