'use client'

import { useLayoutEffect } from 'react'
import { ErrorState } from '@/components/ui/error-state'
import { applyTheme, preferredTheme } from '@/lib/client/theme'
import './globals.css'

// Replaces the root layout when it fails: it brings its own document, styles and theme.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  useLayoutEffect(() => applyTheme(preferredTheme()), [])
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <title>Error · Ferry</title>
      </head>
      <body className="font-sans text-sm antialiased">
        <main className="mx-auto max-w-2xl p-8">
          <ErrorState title="Ferry failed to load" error={error} onRetry={retry} />
        </main>
      </body>
    </html>
  )
}
