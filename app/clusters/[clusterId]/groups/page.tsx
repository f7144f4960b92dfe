import { EmptyState } from '@/components/ui/empty-state'
import { PageHeader } from '@/components/ui/page-header'

export const metadata = { title: 'Consumer groups' }

export default function GroupsPage() {
  return (
    <>
      <PageHeader title="Consumer groups" />
      <EmptyState
        title="Consumer lag monitoring is coming in a later release"
        description="This page will list consumer groups with their state, members and lag per partition."
      />
    </>
  )
}
