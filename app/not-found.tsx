import type { Metadata } from 'next'
import Link from 'next/link'

export const metadata: Metadata = { title: 'Not found' }

export default function NotFound() {
  return (
    <main className="flex min-h-full flex-col items-center justify-center gap-3 p-8 text-center">
      <p className="font-mono text-sm text-muted">404</p>
      <h1 className="text-lg font-semibold">This page does not exist</h1>
      <p className="max-w-md text-sm text-muted">
        Check the address, or start again from the first configured cluster.
      </p>
      <Link href="/" className="mt-2 text-sm font-medium text-accent hover:underline">
        Go to Ferry
      </Link>
    </main>
  )
}
