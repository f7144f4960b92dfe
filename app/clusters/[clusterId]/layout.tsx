import Link from 'next/link'
import type { ReactNode } from 'react'
import { ClusterBadges } from '@/components/shell/cluster-badges'
import { ClusterSwitcher } from '@/components/shell/cluster-switcher'
import { SidebarNav } from '@/components/shell/sidebar-nav'
import { ThemeToggle } from '@/components/shell/theme-toggle'
import { FerryLogo } from '@/components/ui/icons'

type ClusterLayoutProps = { children: ReactNode; params: Promise<{ clusterId: string }> }

export default async function ClusterLayout({ children, params }: ClusterLayoutProps) {
  const { clusterId } = await params
  return (
    <div className="flex h-screen overflow-hidden">
      <aside className="flex w-14 shrink-0 flex-col border-r border-border bg-surface px-2 py-3 lg:w-52 lg:px-3">
        <Link href="/" className="mb-5 flex h-8 items-center gap-2 px-1.5 font-semibold tracking-tight" title="Ferry">
          <span className="flex size-6 items-center justify-center rounded-md bg-accent text-accent-foreground">
            <FerryLogo className="size-4" />
          </span>
          <span className="hidden lg:inline">Ferry</span>
        </Link>
        <SidebarNav clusterId={clusterId} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-12 shrink-0 items-center gap-4 border-b border-border bg-surface px-4">
          <ClusterSwitcher clusterId={clusterId} />
          <ClusterBadges clusterId={clusterId} />
          <div className="ml-auto">
            <ThemeToggle />
          </div>
        </header>
        <main className="min-h-0 flex-1 overflow-y-auto px-6 py-5">{children}</main>
      </div>
    </div>
  )
}
