'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import type { ComponentType, SVGProps } from 'react'
import { cn } from '@/components/ui/cn'
import { DeadLetterIcon, GroupsIcon, OverviewIcon, ShieldIcon, TopicsIcon } from '@/components/ui/icons'
import { clusterHref, NAV_ITEMS, type NavIcon, sectionOf } from '@/lib/nav'

const ICONS: Record<NavIcon, ComponentType<SVGProps<SVGSVGElement>>> = {
  overview: OverviewIcon,
  topics: TopicsIcon,
  groups: GroupsIcon,
  dlq: DeadLetterIcon,
  audit: ShieldIcon,
}

export function SidebarNav({ clusterId }: { clusterId: string }) {
  const current = sectionOf(usePathname())
  return (
    <nav aria-label="Cluster sections">
      <ul className="flex flex-col gap-0.5">
        {NAV_ITEMS.map((item) => {
          const Icon = ICONS[item.icon]
          const active = item.section === current
          return (
            <li key={item.section}>
              <Link
                href={clusterHref(clusterId, item.section)}
                aria-current={active ? 'page' : undefined}
                title={item.label}
                className={cn(
                  'flex h-8 items-center gap-2.5 rounded-md px-2.5 text-sm transition-colors',
                  active
                    ? 'bg-accent-soft font-medium text-accent'
                    : 'text-muted hover:bg-surface-muted hover:text-foreground',
                )}
              >
                <Icon className="size-4 shrink-0" />
                <span className="hidden truncate lg:inline">{item.label}</span>
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
