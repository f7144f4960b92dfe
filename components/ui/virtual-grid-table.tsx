'use client'

import { useVirtualizer } from '@tanstack/react-virtual'
import { type ReactNode, useEffect, useRef } from 'react'
import { cn } from './cn'

type VirtualGridTableProps<R> = {
  label: string
  rows: readonly R[]
  rowKey: (row: R) => string
  /** Fixed row height: the virtualizer never measures, so scrolling thousands of rows does no layout reads. */
  rowHeight: number
  /** The CSS variable the rows' `grid-cols-(--name)` reads, and its column template. */
  gridVar: readonly [name: string, template: string]
  /** Sizing classes of the table (e.g. its min width). */
  className?: string
  /** The sticky header row (a <thead>), as tall as a row. */
  header: ReactNode
  /** One row, absolutely placed `offset` px from the top of the body. */
  renderRow: (row: R, index: number, offset: number) => ReactNode
  /** Changes when the filter or order does (not on a background refetch): the view then scrolls to the top. */
  viewKey: string
}

/** A table of fixed-height grid rows where only the rows in view (plus overscan) are in the DOM. */
export function VirtualGridTable<R>({
  label,
  rows,
  rowKey,
  rowHeight,
  gridVar,
  className,
  header,
  renderRow,
  viewKey,
}: VirtualGridTableProps<R>) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey: (index) => {
      const row = rows[index]
      return row === undefined ? index : rowKey(row)
    },
    // Rows start below the sticky header inside the same scroll container.
    scrollMargin: rowHeight,
    overscan: 12,
  })

  // A new filter or order starts at the top; staying at row 3,000 of a 40-row result would show nothing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: viewKey is the trigger, not an input
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 })
  }, [viewKey])

  return (
    <div
      ref={scrollRef}
      className="max-h-[max(12rem,calc(100vh-13.5rem))] overflow-auto rounded-lg border border-border bg-surface"
    >
      <table
        aria-label={label}
        aria-rowcount={rows.length + 1}
        className={cn('grid border-collapse', className)}
        style={{ [gridVar[0]]: gridVar[1] }}
      >
        {header}
        <tbody className="relative grid" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]
            return row === undefined ? null : renderRow(row, item.index, item.start - rowHeight)
          })}
        </tbody>
      </table>
    </div>
  )
}
