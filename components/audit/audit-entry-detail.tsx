import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import type { AuditEntry } from '@/lib/audit/types'
import { AuditTarget, formatAuditTime, ResultBadge } from './audit-rows'

type AuditEntryDetailProps = { clusterId: string; entry: AuditEntry; onClose: () => void }

/** The selected entry in full: its params (the request and what changed) as JSON, and the error if it failed. */
export function AuditEntryDetail({ clusterId, entry, onClose }: AuditEntryDetailProps) {
  return (
    <Card className="mt-4 p-4" data-testid="audit-detail">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="flex items-center gap-2 text-sm font-semibold">
            <span className="font-mono">{entry.action}</span>
            <ResultBadge entry={entry} />
          </h2>
          <p className="mt-1 text-sm">{entry.summary}</p>
          <p className="mt-1 flex flex-wrap items-center gap-x-3 text-xs text-muted">
            <span title={entry.at}>{formatAuditTime(entry.at)}</span>
            <span>by {entry.actor}</span>
            <AuditTarget clusterId={clusterId} entry={entry} />
            <span className="font-mono">id {entry.id}</span>
          </p>
        </div>
        <Button size="sm" variant="ghost" onClick={onClose}>
          Close
        </Button>
      </div>
      {entry.error && (
        <p className="mt-3 rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm">{entry.error}</p>
      )}
      <h3 className="mt-3 text-xs font-medium text-muted">Params</h3>
      <pre
        data-testid="audit-params"
        className="mt-1 max-h-96 overflow-auto rounded-md border border-border bg-surface-muted p-3 font-mono text-xs"
      >
        {JSON.stringify(entry.params ?? null, null, 2)}
      </pre>
    </Card>
  )
}
