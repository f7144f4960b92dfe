'use client'

import { useState } from 'react'
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { Card, CardHeader } from '@/components/ui/card'
import { cn } from '@/components/ui/cn'
import { EmptyState } from '@/components/ui/empty-state'
import { formatCount } from '@/lib/client/format'
import type { DlqHourBucket } from '@/lib/dlq/api-types'
import { type TrendRange, trendRows } from './dlq-model'

const AXIS = { stroke: 'var(--muted)', fontSize: 11, tickLine: false } as const
const TOOLTIP_STYLE = {
  background: 'var(--surface)',
  border: '1px solid var(--border)',
  borderRadius: 6,
  fontSize: 12,
  color: 'var(--foreground)',
}

const tick = (t: number, range: TrendRange) => {
  const d = new Date(t)
  const hh = `${String(d.getHours()).padStart(2, '0')}:00`
  return range === '24h' ? hh : `${d.getMonth() + 1}/${d.getDate()} ${hh}`
}

/** Dead letters in (bars) against replayed + discarded out (bars), with what is still pending (line). */
export function DlqTrendChart({ hourly }: { hourly: readonly DlqHourBucket[] }) {
  const [range, setRange] = useState<TrendRange>('24h')
  const rows = trendRows(hourly, range)
  return (
    <Card data-testid="dlq-trend">
      <CardHeader
        title="Trend"
        description="Per hour: dead letters in, replayed or discarded out, and pending at the end of the hour"
        actions={
          <fieldset className="flex overflow-hidden rounded-md border border-border">
            <legend className="sr-only">Range</legend>
            {(['24h', '7d'] as const).map((r) => (
              <button
                key={r}
                type="button"
                aria-pressed={range === r}
                data-testid={`dlq-trend-range-${r}`}
                onClick={() => setRange(r)}
                className={cn(
                  'cursor-pointer px-2.5 py-1 text-xs',
                  range === r ? 'bg-accent-soft font-medium text-accent' : 'text-muted hover:bg-surface-muted',
                )}
              >
                {r === '24h' ? '24 h' : '7 d'}
              </button>
            ))}
          </fieldset>
        }
      />
      {rows.length === 0 ? (
        <EmptyState className="m-4" title="No history yet" description="The index has not recorded any hour yet." />
      ) : (
        <div className="p-4">
          <ResponsiveContainer width="100%" height={200} initialDimension={{ width: 600, height: 200 }}>
            <ComposedChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="var(--border)" vertical={false} />
              <XAxis
                {...AXIS}
                dataKey="t"
                type="number"
                scale="time"
                domain={['dataMin', 'dataMax']}
                tickFormatter={(t: number) => tick(t, range)}
                minTickGap={48}
              />
              <YAxis {...AXIS} width={52} allowDecimals={false} tickFormatter={(v: number) => formatCount(v)} />
              <Tooltip
                contentStyle={TOOLTIP_STYLE}
                labelFormatter={(t) => new Date(Number(t)).toLocaleString()}
                formatter={(v, name) => [formatCount(Number(v)), name]}
              />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              <Bar name="Inflow" dataKey="inflow" fill="var(--danger)" isAnimationActive={false} />
              <Bar name="Outflow" dataKey="outflow" fill="var(--success)" isAnimationActive={false} />
              <Line
                name="Pending"
                dataKey="pending"
                type="linear"
                stroke="var(--warning)"
                dot={false}
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </Card>
  )
}
