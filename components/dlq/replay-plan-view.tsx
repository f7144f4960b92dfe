import { DialogNotice } from '@/components/groups/action-dialog'
import { formatCount, pluralize } from '@/lib/client/format'
import type { ReplayPlan } from '@/lib/dlq/api-types'

const TH = 'px-2 py-1 text-left text-xs font-medium text-muted'

/** What the replay would do now: totals, refusals with their reasons, where the copies go, a few samples. */
export function ReplayPlanView({ plan }: { plan: ReplayPlan }) {
  return (
    <section data-testid="replay-plan" className="flex flex-col gap-3 text-sm">
      <p data-testid="replay-plan-summary">
        Dry run: <strong>{formatCount(plan.toSend)}</strong> of {pluralize(plan.total, 'dead letter')} would be sent
        {plan.refused.count > 0 && <>, {formatCount(plan.refused.count)} refused</>}.
      </p>
      {plan.toSend === 0 && <DialogNotice tone="warning">Nothing to send: there is nothing to confirm.</DialogNotice>}
      {plan.refused.count > 0 && (
        <div data-testid="replay-plan-refused">
          <h3 className="text-xs font-semibold text-muted">Refused</h3>
          <ul className="list-disc pl-5 text-xs">
            {plan.refused.sample.map((r) => (
              <li key={`${r.partition}:${r.offset}`}>
                <span className="font-mono">
                  {r.partition}/{r.offset}
                </span>
                : {r.reason}
              </li>
            ))}
            {plan.refused.count > plan.refused.sample.length && (
              <li>… and {formatCount(plan.refused.count - plan.refused.sample.length)} more</li>
            )}
          </ul>
        </div>
      )}
      {plan.byTarget.length > 0 && (
        <table className="w-full text-sm" data-testid="replay-plan-targets">
          <thead className="border-b border-border">
            <tr>
              <th className={TH}>Target topic</th>
              <th className={TH}>Partition</th>
              <th className={`${TH} text-right`}>Records</th>
            </tr>
          </thead>
          <tbody>
            {plan.byTarget.map((t) => (
              <tr key={`${t.topic}:${t.partition}`} className="border-b border-border last:border-0">
                <td className="px-2 py-1 font-mono text-xs">{t.topic}</td>
                <td className="px-2 py-1 font-mono text-xs">{t.partition ?? 'by key'}</td>
                <td className="px-2 py-1 text-right tabular-nums">{formatCount(t.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {plan.sample.length > 0 && (
        <details data-testid="replay-plan-sample">
          <summary className="cursor-pointer text-xs font-semibold text-muted">
            Sample records ({plan.sample.length})
          </summary>
          <div className="mt-2 flex flex-col gap-2">
            {plan.sample.map((s) => (
              <div key={`${s.from.partition}:${s.from.offset}`} className="rounded-md border border-border p-2 text-xs">
                <p className="font-mono">
                  {s.from.partition}/{s.from.offset} → {s.to.topic}
                  {s.to.partition === null ? ' (by key)' : ` partition ${s.to.partition}`}
                </p>
                {s.key !== undefined && <p className="font-mono text-muted">key: {s.key}</p>}
                <pre className="mt-1 max-h-32 overflow-auto whitespace-pre-wrap break-all rounded bg-surface-muted p-1.5 font-mono">
                  {s.value ?? 'null'}
                </pre>
                {s.headers.length > 0 && (
                  <p className="mt-1 break-all font-mono text-muted">
                    headers: {s.headers.map((h) => `${h.key}=${h.value}`).join(', ')}
                  </p>
                )}
              </div>
            ))}
          </div>
        </details>
      )}
    </section>
  )
}
