'use client'

import { useCallback, useState } from 'react'
import { Button } from '@/components/ui/button'
import { EXPORT_BOUNDS } from '@/lib/messages/export/export-query'
import type { ExportFormat } from '@/lib/messages/export/format-row'
import { explorerStateFromQuery } from './explorer-model'
import { exportHref } from './export-model'

type Props = { clusterId: string; topic: string }

/**
 * Downloads the explorer's view as a file the server streams (NDJSON or CSV). It reads the view from the URL the
 * explorer keeps in sync, so it needs no state of its own beyond "full scan". The browser saves the stream to
 * disk as it arrives: nothing of the export is held in the page.
 */
export function ExportMenu({ clusterId, topic }: Props) {
  const [full, setFull] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const download = useCallback(
    (format: ExportFormat) => {
      const state = explorerStateFromQuery(new URLSearchParams(window.location.search))
      const out = exportHref(clusterId, topic, state, format, full)
      if ('error' in out) {
        setError(out.error)
        return
      }
      setError(null)
      // An attachment response downloads without leaving the page.
      const a = document.createElement('a')
      a.href = out.href
      a.download = ''
      a.rel = 'noopener'
      document.body.append(a)
      a.click()
      a.remove()
    },
    [clusterId, topic, full],
  )

  const what = full ? `full scan (up to ${EXPORT_BOUNDS.limit.toLocaleString('en')})` : 'results'
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-muted">
      <span>Export {what}:</span>
      <Button
        size="sm"
        data-testid="export-ndjson"
        onClick={() => download('ndjson')}
        title={`Export ${what} as NDJSON`}
      >
        NDJSON
      </Button>
      <Button size="sm" data-testid="export-csv" onClick={() => download('csv')} title={`Export ${what} as CSV`}>
        CSV
      </Button>
      <Button
        size="sm"
        variant={full ? 'primary' : 'ghost'}
        data-testid="export-full"
        aria-pressed={full}
        onClick={() => setFull((f) => !f)}
        title="Export every matching message from the start point, not only the view's limit"
      >
        Export full scan
      </Button>
      {error && (
        <span role="alert" className="text-danger">
          {error}
        </span>
      )}
    </div>
  )
}
