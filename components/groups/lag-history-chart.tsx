'use client'

import { type ReactElement, type ReactNode, useState } from 'react'
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { Card, CardHeader } from '@/components/ui/card'
import { cn } from '@/components/ui/cn'
import { EmptyState } from '@/components/ui/empty-state'
import { ErrorState } from '@/components/ui/error-state'
import { Skeleton } from '@/components/ui/skeleton'
import { formatCount, formatLagDuration } from '@/lib/client/format'
import { useLagHistory } from '@/lib/client/lag-history'
import type { LagHistoryRange, SamplerStatus } from '@/lib/lag/history-types'
import { RangePicker, ScopePicker } from './lag-history-controls'
import {
  chartRows,
  emptyReason,
  formatCompact,
  formatLagMsTick,
  formatTimeTick,
  GROUP_SCOPE,
  type LagChartRow,
  parseScopeKey,
  roleLabel,
  scopeOptions,
  timeDomain,
} from './lag-history-model'

type LagHistoryChartProps = { clusterId: string; groupId: string; initialRange?: LagHistoryRange }

/**
 * Lag of one group over time, from the console's sampled history: lag in messages, lag in time, and consumption
 * against production, for the whole group, one topic or one partition.
 */
export function LagHistoryChart({ clusterId, groupId, initialRange = '1h' }: LagHistoryChartProps) {
  const [range, setRange] = useState<LagHistoryRange>(initialRange)
  const [scope, setScope] = useState('group')
  const { data, error, isPending, isFetching, isPlaceholderData, refetch } = useLagHistory(clusterId, groupId, range)

  const options = scopeOptions(data)
  // A topic or partition chosen earlier may be absent from this range: show the whole group instead.
  const scopeKey = options.some((o) => o.key === scope) ? scope : 'group'
  const rows = chartRows(data, parseScopeKey(scopeKey))
  const rates = chartRows(data, GROUP_SCOPE)

  let body: ReactNode
  if (isPending) {
    body = (
      <div role="status" aria-label="Loading the lag history" className="flex flex-col gap-3 p-4">
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
    )
  } else if (!data) {
    body = (
      <ErrorState
        title="Cannot load the lag history"
        error={error}
        onRetry={() => refetch()}
        retrying={isFetching}
        className="m-4"
      />
    )
  } else if (data.points.length === 0) {
    const why = emptyReason(data.sampler)
    body = (
      <EmptyState
        className="m-4"
        title={why.title}
        description={<SamplerLine status={data.sampler} detail={why.detail} />}
      />
    )
  } else {
    body = (
      <div className={cn('flex flex-col gap-4 p-4 transition-opacity', isPlaceholderData && 'opacity-60')}>
        {error && (
          <ErrorState
            title="Refreshing the lag history failed"
            error={error}
            onRetry={() => refetch()}
            retrying={isFetching}
          />
        )}
        <ChartPanel title="Lag in messages">
          <LagMessagesChart rows={rows} range={range} />
        </ChartPanel>
        <ChartPanel title="Lag in time (age of the oldest unconsumed record)">
          <LagTimeChart rows={rows} range={range} />
        </ChartPanel>
        <ChartPanel title="Consumption vs production, whole group (messages/s)">
          <RatesChart rows={rates} range={range} />
        </ChartPanel>
        {(data.sampler.lastError || !data.sampler.persistence.ok) && (
          <p className="text-xs text-warning">
            {data.sampler.persistence.ok ? data.sampler.lastError : data.sampler.persistence.reason}
          </p>
        )}
      </div>
    )
  }

  return (
    <Card data-testid="lag-history-chart">
      <CardHeader
        title="Lag history"
        description={
          <>
            <span data-testid="lag-history-points">{data ? rows.length : 0}</span> points
            {data && ` · one sample every ${Math.round(data.sampler.intervalMs / 1000)} s · ${roleLabel(data.sampler)}`}
          </>
        }
        actions={
          <>
            <ScopePicker value={scopeKey} options={options} onChange={setScope} />
            <RangePicker value={range} onChange={setRange} />
          </>
        }
      />
      {body}
    </Card>
  )
}

function SamplerLine({ status, detail }: { status: SamplerStatus; detail: string | null }) {
  return (
    <span data-testid="lag-history-sampler" className="flex flex-col gap-1">
      {detail && <span>{detail}</span>}
      <span className="text-xs">
        Sampler: {roleLabel(status)}
        {status.lastSampleAt !== null && ` · last sample ${new Date(status.lastSampleAt).toLocaleTimeString()}`}
        {status.persistence.ok && ` · kept in ${status.persistence.topic}`}
      </span>
    </span>
  )
}

function ChartPanel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <h3 className="mb-1 text-xs font-medium text-muted">{title}</h3>
      {children}
    </section>
  )
}

const CHART_HEIGHT = 160
const AXIS = { stroke: 'var(--muted)', fontSize: 11, tickLine: false } as const
const TOOLTIP_STYLE = {
  background: 'var(--surface)',
  border: '1px solid var(--border)',
  borderRadius: 6,
  fontSize: 12,
  color: 'var(--foreground)',
}

type SeriesChartProps = { rows: LagChartRow[]; range: LagHistoryRange }

function Frame({ children }: { children: ReactElement }) {
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT} initialDimension={{ width: 600, height: CHART_HEIGHT }}>
      {children}
    </ResponsiveContainer>
  )
}

/** Time runs over the whole range, so a short history reads as short rather than stretched. */
function xAxis(rows: LagChartRow[], range: LagHistoryRange) {
  return (
    <XAxis
      {...AXIS}
      dataKey="t"
      type="number"
      scale="time"
      domain={timeDomain(rows, range)}
      tickFormatter={(t: number) => formatTimeTick(t, range)}
      minTickGap={48}
    />
  )
}

function LagMessagesChart({ rows, range }: SeriesChartProps) {
  return (
    <Frame>
      <AreaChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--border)" vertical={false} />
        {xAxis(rows, range)}
        <YAxis {...AXIS} width={52} tickFormatter={formatCompact} allowDecimals={false} />
        <Tooltip
          contentStyle={TOOLTIP_STYLE}
          labelFormatter={(t) => new Date(Number(t)).toLocaleString()}
          formatter={(v) => [formatCount(Math.round(Number(v))), 'Lag']}
        />
        <Area
          dataKey="lag"
          type="linear"
          stroke="var(--accent)"
          fill="var(--accent)"
          fillOpacity={0.15}
          isAnimationActive={false}
          dot={false}
        />
      </AreaChart>
    </Frame>
  )
}

function LagTimeChart({ rows, range }: SeriesChartProps) {
  return (
    <Frame>
      <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--border)" vertical={false} />
        {xAxis(rows, range)}
        <YAxis {...AXIS} width={52} tickFormatter={formatLagMsTick} />
        <Tooltip
          contentStyle={TOOLTIP_STYLE}
          labelFormatter={(t) => new Date(Number(t)).toLocaleString()}
          formatter={(v) => [Number(v) === 0 ? '0 (caught up)' : formatLagDuration(Number(v)), 'Lag in time']}
        />
        <Line dataKey="lagMs" type="linear" stroke="var(--warning)" isAnimationActive={false} dot={false} />
      </LineChart>
    </Frame>
  )
}

function RatesChart({ rows, range }: SeriesChartProps) {
  return (
    <Frame>
      <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--border)" vertical={false} />
        {xAxis(rows, range)}
        <YAxis {...AXIS} width={52} tickFormatter={formatCompact} />
        <Tooltip
          contentStyle={TOOLTIP_STYLE}
          labelFormatter={(t) => new Date(Number(t)).toLocaleString()}
          formatter={(v, name) => [`${formatCompact(Number(v))}/s`, name]}
        />
        <Legend iconType="plainline" wrapperStyle={{ fontSize: 11 }} />
        <Line
          name="Consumed"
          dataKey="consumed"
          type="linear"
          stroke="var(--success)"
          isAnimationActive={false}
          dot={false}
        />
        <Line
          name="Produced"
          dataKey="produced"
          type="linear"
          stroke="var(--accent)"
          strokeDasharray="4 3"
          isAnimationActive={false}
          dot={false}
        />
      </LineChart>
    </Frame>
  )
}
