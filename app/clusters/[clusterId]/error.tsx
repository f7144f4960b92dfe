'use client'

import { ErrorState } from '@/components/ui/error-state'

// Catches rendering failures below the shell; data errors are handled in place by each view's ErrorState.
export default function ClusterError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorState title="This page failed to render" error={error} onRetry={retry} />
}
