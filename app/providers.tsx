'use client'

import { QueryClientProvider } from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'
import { ThemeProvider } from '@/components/shell/theme-provider'
import { makeQueryClient } from '@/lib/client/query-client'

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient) // one client per browser session, stable across renders
  return (
    <QueryClientProvider client={queryClient}>
      <ThemeProvider>{children}</ThemeProvider>
    </QueryClientProvider>
  )
}
