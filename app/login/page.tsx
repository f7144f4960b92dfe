import type { Metadata } from 'next'
import { connection } from 'next/server'
import { Card } from '@/components/ui/card'
import { FerryLogo } from '@/components/ui/icons'
import { getAuthSettings } from '@/lib/auth/auth-settings'
import { safeNextPath } from '@/lib/auth/sign-in'
import { LoginForm } from './login-form'

export const metadata: Metadata = { title: 'Sign in' }

type LoginPageProps = { searchParams: Promise<{ next?: string; error?: string }> }

export default async function LoginPage({ searchParams }: LoginPageProps) {
  await connection() // the sign-in methods are runtime config
  const { next, error } = await searchParams
  const settings = getAuthSettings()
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <Card className="w-full max-w-sm p-6">
        <div className="mb-5 flex items-center gap-2 font-semibold tracking-tight">
          <span className="flex size-7 items-center justify-center rounded-md bg-accent text-accent-foreground">
            <FerryLogo className="size-4" />
          </span>
          Sign in to Ferry
        </div>
        {settings.mode === 'sign-in' ? (
          <LoginForm
            next={safeNextPath(next)}
            usersFile={settings.config.usersFile !== undefined}
            oidcLabel={settings.config.oidc?.label ?? null}
            initialError={error ?? null}
          />
        ) : (
          <p className="text-muted" data-testid="no-sign-in">
            Sign-in is not configured: Ferry answers only requests from this machine.{' '}
            <a href="/" className="text-accent underline">
              Open the console
            </a>
          </p>
        )}
      </Card>
    </main>
  )
}
