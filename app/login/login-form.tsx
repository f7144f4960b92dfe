'use client'

import { type FormEvent, useState } from 'react'
import { Button } from '@/components/ui/button'
import { HttpError } from '@/lib/client/fetch-json'
import { useSignIn } from '@/lib/client/session'

type LoginFormProps = { next: string; usersFile: boolean; oidcLabel: string | null; initialError: string | null }

const INPUT =
  'h-8 w-full rounded-md border border-border-strong bg-surface px-2.5 text-sm outline-none focus:border-accent'

/** Users-file form and/or the OpenID Connect button; after sign-in, a full navigation to where the user was going. */
export function LoginForm({ next, usersFile, oidcLabel, initialError }: LoginFormProps) {
  const signIn = useSignIn()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const error = signIn.error
    ? signIn.error instanceof HttpError
      ? signIn.error.message
      : 'Sign-in failed'
    : initialError

  const submit = (e: FormEvent) => {
    e.preventDefault()
    signIn.mutate({ username, password }, { onSuccess: () => window.location.assign(next) })
  }

  return (
    <div className="flex flex-col gap-4">
      {error && (
        <p
          role="alert"
          data-testid="login-error"
          className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-danger"
        >
          {error}
        </p>
      )}
      {usersFile && (
        <form onSubmit={submit} className="flex flex-col gap-3">
          <label className="flex flex-col gap-1">
            <span className="text-xs text-muted">Username</span>
            <input
              className={INPUT}
              name="username"
              autoComplete="username"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              required
            />
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-xs text-muted">Password</span>
            <input
              className={INPUT}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </label>
          <Button type="submit" variant="primary" disabled={signIn.isPending || signIn.isSuccess}>
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </Button>
        </form>
      )}
      {usersFile && oidcLabel && <div className="text-center text-xs text-muted">or</div>}
      {oidcLabel && (
        // A plain navigation: the provider's page must be a top-level visit.
        <a
          href={`/api/auth/oidc?next=${encodeURIComponent(next)}`}
          className="inline-flex h-8 items-center justify-center rounded-md border border-border-strong bg-surface px-3 font-medium hover:bg-surface-muted"
        >
          Sign in with {oidcLabel}
        </a>
      )}
    </div>
  )
}
