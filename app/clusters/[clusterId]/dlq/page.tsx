import { EmptyState } from '@/components/ui/empty-state'
import { PageHeader } from '@/components/ui/page-header'

export const metadata = { title: 'Dead letters' }

export default function DeadLettersPage() {
  return (
    <>
      <PageHeader title="Dead letters" />
      <EmptyState
        title="Dead-letter inspection and replay are coming in a later release"
        description="This page will find dead-letter topics, group their failures by error and replay them."
      />
    </>
  )
}
