import { createServer, type Server } from 'node:http'
import Provider from 'oidc-provider'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { GET as callbackRoute } from '../../app/api/auth/oidc/callback/route'
import { GET as startRoute } from '../../app/api/auth/oidc/route'
import { GET as sessionRoute } from '../../app/api/session/route'
import { findFreePort } from '../../scripts/kafka/free-port'
import { replaceConfig } from '../config'
import { FerryConfigSchema } from '../config/schema'

// The OpenID Connect code flow (PKCE, state, nonce) against a real, certified provider (panva's oidc-provider, with
// its development login and consent pages), through Ferry's real start and callback routes.

const FERRY = 'http://127.0.0.1:3000'
let server: Server
let issuer: string

beforeAll(async () => {
  const port = await findFreePort()
  issuer = `http://127.0.0.1:${port}`
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'ferry',
        client_secret: 'ferry-test-secret',
        redirect_uris: [`${FERRY}/api/auth/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['preferred_username'], groups: ['groups'] },
    scopes: ['openid', 'profile', 'groups'],
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => ({ sub: `sub-${id}`, preferred_username: id, groups: ['kafka-admins', 'everyone'] }),
    }),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['test-cookie-key'] },
  })
  server = createServer(provider.callback())
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  replaceConfig({
    source: 'test',
    config: FerryConfigSchema.parse({
      clusters: [{ id: 'test', brokers: inject('kafkaBootstrap').split(',') }],
      auth: {
        oidc: {
          issuer,
          clientId: 'ferry',
          clientSecret: 'ferry-test-secret',
          scopes: ['openid', 'profile', 'groups'],
          label: 'Test IdP',
          publicUrl: FERRY,
        },
        session: { secret: 'y'.repeat(40) },
        groupRoles: { 'kafka-admins': 'admin' },
      },
    }),
  })
})

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve))
})

/** A browser's cookie jar and redirect loop, just enough for the provider's pages. */
function browser() {
  const jar = new Map<string, string>()
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const eq = (pair as string).indexOf('=')
      jar.set((pair as string).slice(0, eq), (pair as string).slice(eq + 1))
    }
  }
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  /** Follows redirects on the provider until one leaves it (to Ferry's callback); returns that URL, or the page. */
  const go = async (url: string, form?: Record<string, string>): Promise<{ url: string; page?: string }> => {
    let next: string | null = url
    let body = form ? new URLSearchParams(form) : undefined
    for (let hops = 0; next && hops < 20; hops++) {
      if (!next.startsWith(issuer)) return { url: next }
      const res: Response = await fetch(next, {
        method: body ? 'POST' : 'GET',
        headers: { cookie: cookie(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body,
        redirect: 'manual',
      })
      remember(res)
      body = undefined
      const location = res.headers.get('location')
      if (!location) return { url: next, page: await res.text() }
      next = new URL(location, next).href
    }
    throw new Error('too many redirects')
  }
  return { go }
}

describe('OpenID Connect sign-in', () => {
  it('goes through the code flow and maps the groups claim to a role', async () => {
    const start = await startRoute(new Request(`${FERRY}/api/auth/oidc?next=/clusters/test`), {
      params: Promise.resolve({}),
    })
    expect(start.status).toBe(303)
    const authUrl = new URL(start.headers.get('location') as string)
    expect(authUrl.origin).toBe(issuer)
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256')
    const flowCookie = (start.headers.get('set-cookie') as string).split(';')[0] as string

    const b = browser()
    const login = await b.go(authUrl.href)
    expect(login.page).toMatch(/name="login"/)
    const consent = await b.go(login.url, { prompt: 'login', login: 'alice', password: 'any' })
    const back = consent.page ? await b.go(consent.url, { prompt: 'consent' }) : consent
    expect(back.url.startsWith(`${FERRY}/api/auth/oidc/callback?`)).toBe(true)

    const done = await callbackRoute(new Request(back.url, { headers: { cookie: flowCookie } }), {
      params: Promise.resolve({}),
    })
    expect(done.status).toBe(303)
    expect(done.headers.get('location')).toBe('/clusters/test')
    const session = done.headers.getSetCookie().find((c) => c.startsWith('ferry_session='))
    expect(session).toMatch(/HttpOnly/)
    expect(session).toMatch(/SameSite=Lax/)

    const info = await (
      await sessionRoute(
        new Request(`${FERRY}/api/session`, { headers: { cookie: (session as string).split(';')[0] as string } }),
        {
          params: Promise.resolve({}),
        },
      )
    ).json()
    expect(info.user).toEqual({ name: 'alice', roles: [], groups: ['kafka-admins', 'everyone'] })
    expect(info.permissions.test).toContain('topic.delete')
  })

  it('refuses a callback whose state does not match the flow cookie', async () => {
    const start = await startRoute(new Request(`${FERRY}/api/auth/oidc`), { params: Promise.resolve({}) })
    const flowCookie = (start.headers.get('set-cookie') as string).split(';')[0] as string
    const res = await callbackRoute(
      new Request(`${FERRY}/api/auth/oidc/callback?code=forged&state=wrong&iss=${encodeURIComponent(issuer)}`, {
        headers: { cookie: flowCookie },
      }),
      { params: Promise.resolve({}) },
    )
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toMatch(/^\/login\?error=/)
    expect(
      res.headers.getSetCookie().some((c) => c.startsWith('ferry_session=') && !c.startsWith('ferry_session=;')),
    ).toBe(false)
  })
})
