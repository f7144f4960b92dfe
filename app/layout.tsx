import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import { THEME_INIT_SCRIPT } from '@/lib/client/theme'
import { Providers } from './providers'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'Ferry', template: '%s · Ferry' },
  description: 'A web console for operating Apache Kafka: topics, consumer lag, dead letters.',
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The inline script adds class="dark" before React hydrates; the mismatch is intended.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant we wrote, needed before the first paint */}
        <script dangerouslySetInnerHTML={{ __html: THEME_INIT_SCRIPT }} />
      </head>
      <body className="font-sans text-sm antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  )
}
