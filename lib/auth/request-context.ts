import 'server-only'
import { AsyncLocalStorage } from 'node:async_hooks'

/** Who is making the current request (null: no sign-in configured). `roles` hold everywhere; `groups` feed the rules. */
export type Principal = { name: string; roles: string[]; groups?: string[] }

const storage = new AsyncLocalStorage<{ principal: Principal | null; clientAddress?: string }>()

/** Runs `fn` with the request's principal available to everything it calls (audit, rate limits). */
export function runWithPrincipal<T>(principal: Principal | null, clientAddress: string | undefined, fn: () => T): T {
  return storage.run({ principal, clientAddress }, fn)
}

export function currentPrincipal(): Principal | null {
  return storage.getStore()?.principal ?? null
}

/** The address the request came from, when known (for per-client limits without sign-in). */
export function currentClientAddress(): string | undefined {
  return storage.getStore()?.clientAddress
}
