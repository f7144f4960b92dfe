'use client'

import { useState } from 'react'
import { Badge } from '@/components/ui/badge'
import { Card, CardHeader } from '@/components/ui/card'
import { cn } from '@/components/ui/cn'
import { EmptyState } from '@/components/ui/empty-state'
import { ErrorState } from '@/components/ui/error-state'
import { LockIcon, SearchIcon } from '@/components/ui/icons'
import { TableSkeleton } from '@/components/ui/skeleton'
import { pluralize } from '@/lib/client/format'
import { useTopicConfigs } from '@/lib/client/topic-detail'
import type { TopicConfigEntry } from '@/lib/topics/topic-detail-types'
import { configSourceView, configValueText, filterConfigs } from './topic-detail-model'

const TH = 'px-3 py-2 text-xs font-medium text-muted'
const TD = 'px-3 py-1.5 align-top'

type TopicConfigsTableProps = { clusterId: string; topic: string }

export function TopicConfigsTable({ clusterId, topic }: TopicConfigsTableProps) {
  const { data, error, isPending, isFetching, refetch } = useTopicConfigs(clusterId, topic)
  const [query, setQuery] = useState('')
  const [overridesOnly, setOverridesOnly] = useState(false)

  if (isPending) return <TableSkeleton rows={10} columns={4} label="Loading configs…" />
  if (!data) {
    return <ErrorState title="Cannot load the configs" error={error} onRetry={() => refetch()} retrying={isFetching} />
  }
  const rows = filterConfigs(data.configs, { query, overridesOnly })
  const overrides = data.configs.filter((c) => c.isOverride).length
  return (
    <Card>
      <CardHeader
        title="Configs"
        description={`${pluralize(data.configs.length, 'config')}, ${pluralize(overrides, 'override')} on this topic`}
        actions={
          <>
            <label className="relative flex items-center">
              <span className="sr-only">Search configs</span>
              <SearchIcon className="pointer-events-none absolute left-2 size-3.5 text-muted" />
              <input
                type="search"
                data-testid="topic-config-search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                placeholder="Search configs"
                className="h-8 w-56 rounded-md border border-border bg-surface pr-2 pl-7 text-sm outline-none focus:border-accent"
              />
            </label>
            <label className="flex items-center gap-1.5 text-xs text-muted">
              <input
                type="checkbox"
                data-testid="topic-config-overrides-only"
                checked={overridesOnly}
                onChange={(e) => setOverridesOnly(e.target.checked)}
              />
              Overrides only
            </label>
          </>
        }
      />
      {error && (
        <ErrorState
          title="Refreshing the configs failed"
          error={error}
          onRetry={() => refetch()}
          retrying={isFetching}
          className="m-4"
        />
      )}
      {rows.length === 0 ? (
        <EmptyState
          className="m-4"
          title={overridesOnly && !query ? 'No config is overridden on this topic' : 'No config matches'}
          description={overridesOnly ? 'Every value comes from the brokers or Kafka’s defaults.' : undefined}
        />
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[48rem] text-sm">
            <thead className="border-b border-border bg-surface-muted">
              <tr>
                <th scope="col" className={cn(TH, 'text-left')}>
                  Name
                </th>
                <th scope="col" className={cn(TH, 'text-left')}>
                  Value
                </th>
                <th scope="col" className={cn(TH, 'text-left')}>
                  Source
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <ConfigRow key={c.name} c={c} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  )
}

function ConfigRow({ c }: { c: TopicConfigEntry }) {
  const source = configSourceView(c.source)
  // The next synonym is what the value would fall back to without this level's setting.
  const inherited = c.synonyms[1]
  return (
    <tr
      data-testid={`topic-config-row-${c.name}`}
      data-source={c.source}
      data-override={c.isOverride ? 'true' : 'false'}
      className="border-b border-border last:border-b-0"
    >
      <td className={cn(TD, 'font-mono text-xs')}>
        <span title={c.documentation ?? undefined} className={cn(c.documentation && 'cursor-help')}>
          {c.name}
        </span>
        {c.documentation && <p className="mt-0.5 line-clamp-1 max-w-md font-sans text-muted">{c.documentation}</p>}
      </td>
      <td className={cn(TD, 'font-mono text-xs break-all')} data-testid="topic-config-value">
        <span className={cn(c.isOverride && 'font-semibold', c.sensitive && 'text-muted')}>{configValueText(c)}</span>
        {c.isOverride && inherited && (
          <p className="mt-0.5 text-muted" title={`${inherited.source}: ${inherited.name}`}>
            otherwise {inherited.value ?? (c.sensitive ? '••••' : 'null')}
          </p>
        )}
      </td>
      <td className={TD}>
        <span className="flex flex-wrap items-center gap-1">
          <Badge tone={source.tone} title={`${c.source}: ${source.hint}`} data-testid="topic-config-source">
            {source.label}
          </Badge>
          {c.readOnly && (
            <Badge title="Read-only: cannot be changed on the topic">
              <LockIcon className="size-3" />
              read-only
            </Badge>
          )}
          {c.sensitive && <Badge tone="warning">sensitive</Badge>}
        </span>
      </td>
    </tr>
  )
}
