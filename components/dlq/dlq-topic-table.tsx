'use client'

import Link from 'next/link'
import { Card, CardHeader } from '@/components/ui/card'
import { formatCount, formatLagDuration } from '@/lib/client/format'
import type { DlqDashboard } from '@/lib/dlq/api-types'
import { DlqAlertBadge } from './dlq-alert'
import { ageMs, dlqExplorerHref } from './dlq-model'

const TH = 'px-3 py-2 text-left text-xs font-medium text-muted'
const THN = 'px-3 py-2 text-right text-xs font-medium text-muted'
const TD = 'px-3 py-2'
const TDN = 'px-3 py-2 text-right tabular-nums'

/** One row per dead-letter topic; the name opens the explorer on it. */
export function DlqTopicTable({ clusterId, data, now }: { clusterId: string; data: DlqDashboard; now: number }) {
  return (
    <Card>
      <CardHeader title="Dead-letter topics" description="How each was recognised is in the tooltip of its name" />
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="dlq-topic-table">
          <thead className="border-b border-border bg-surface-muted">
            <tr>
              <th className={TH}>Topic</th>
              <th className={TH}>Source topics</th>
              <th className={THN}>Pending</th>
              <th className={THN}>Replayed</th>
              <th className={THN}>Discarded</th>
              <th className={THN}>Oldest pending</th>
              <th className={THN}>In (1 h)</th>
              <th className={THN}>Out (1 h)</th>
              <th className={TH}>Alert</th>
            </tr>
          </thead>
          <tbody>
            {data.topics.map((t) => (
              <tr
                key={t.topic}
                data-testid={`dlq-topic-row-${t.topic}`}
                className="border-b border-border last:border-0 hover:bg-surface-muted"
              >
                <td className={TD}>
                  <Link
                    href={dlqExplorerHref(clusterId, { topic: t.topic })}
                    title={`Recognised by ${t.convention}`}
                    className="font-mono text-xs font-medium text-accent hover:underline"
                  >
                    {t.topic}
                  </Link>
                </td>
                <td className={`${TD} font-mono text-xs text-muted`}>{t.sourceTopics.join(', ') || '—'}</td>
                <td className={TDN} data-testid={`dlq-topic-pending-${t.topic}`}>
                  {formatCount(t.pending)}
                </td>
                <td className={TDN}>{formatCount(t.replayed)}</td>
                <td className={TDN}>{formatCount(t.discarded)}</td>
                <td className={TDN}>{formatLagDuration(ageMs(t.oldestPendingAt, now))}</td>
                <td className={TDN}>{formatCount(t.inflowLastHour)}</td>
                <td className={TDN} data-testid={`dlq-topic-outflow-${t.topic}`}>
                  {formatCount(t.outflowLastHour)}
                </td>
                <td className={TD}>
                  <DlqAlertBadge alert={t.alert} testId={`dlq-topic-alert-${t.topic}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  )
}

/** Dead letters per source topic, and the same bug grouped by fingerprint (click: the explorer on it). */
export function DlqBreakdowns({ clusterId, data }: { clusterId: string; data: DlqDashboard }) {
  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_2fr]">
      <Card>
        <CardHeader title="By source topic" />
        <table className="w-full text-sm" data-testid="dlq-by-source">
          <thead className="border-b border-border bg-surface-muted">
            <tr>
              <th className={TH}>Source topic</th>
              <th className={THN}>Pending</th>
              <th className={THN}>Total</th>
            </tr>
          </thead>
          <tbody>
            {data.bySource.map((s) => (
              <tr key={s.sourceTopic} className="border-b border-border last:border-0 hover:bg-surface-muted">
                <td className={TD}>
                  <Link
                    href={dlqExplorerHref(clusterId, { sourceTopic: s.sourceTopic })}
                    className="font-mono text-xs text-accent hover:underline"
                  >
                    {s.sourceTopic}
                  </Link>
                </td>
                <td className={TDN}>{formatCount(s.pending)}</td>
                <td className={TDN}>{formatCount(s.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card>
        <CardHeader title="Top errors" description="Records failing with the same bug share a fingerprint" />
        <table className="w-full table-fixed text-sm" data-testid="dlq-by-error">
          <thead className="border-b border-border bg-surface-muted">
            <tr>
              <th className={TH}>Error</th>
              <th className={`${THN} w-24`}>Pending</th>
              <th className={`${THN} w-24`}>Total</th>
            </tr>
          </thead>
          <tbody>
            {data.byError.map((e) => (
              <tr
                key={e.fingerprint}
                data-testid={`dlq-error-${e.fingerprint}`}
                className="border-b border-border last:border-0 hover:bg-surface-muted"
              >
                <td className={`${TD} min-w-0`}>
                  <Link
                    href={dlqExplorerHref(clusterId, { fingerprint: e.fingerprint })}
                    className="block truncate font-mono text-xs font-medium text-accent hover:underline"
                    title={e.type}
                  >
                    {e.type ?? 'Unknown error type'}
                  </Link>
                  <p className="truncate text-xs text-muted" title={e.message}>
                    {e.message ?? '—'} · {e.topics.join(', ')}
                  </p>
                </td>
                <td className={TDN}>{formatCount(e.pending)}</td>
                <td className={TDN}>{formatCount(e.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  )
}
