import { describe, expect, it } from 'vitest'
import { csrfRefusal, isLoopbackRequest } from './request-origin'

const req = (url: string, headers: Record<string, string> = {}, method = 'POST') =>
  new Request(url, { method, headers })

describe('isLoopbackRequest', () => {
  it('accepts loopback hosts and forwarded-for hops only', () => {
    expect(isLoopbackRequest(req('http://127.0.0.1:3000/x', { host: '127.0.0.1:3000' }))).toBe(true)
    expect(isLoopbackRequest(req('http://localhost:3000/x', { 'x-forwarded-for': '::1' }))).toBe(true)
    expect(isLoopbackRequest(req('http://[::1]:3000/x', { 'x-forwarded-for': '127.0.0.1' }))).toBe(true)
    expect(isLoopbackRequest(req('http://127.0.0.1:3000/x', { 'x-forwarded-for': '10.0.0.7' }))).toBe(false)
    expect(isLoopbackRequest(req('http://127.0.0.1:3000/x', { host: 'ferry.example.com' }))).toBe(false)
    // A DNS-rebinding page reaches 127.0.0.1 under its own name.
    expect(
      isLoopbackRequest(
        req('http://evil.example:3000/x', { host: 'evil.example:3000', 'x-forwarded-for': '127.0.0.1' }),
      ),
    ).toBe(false)
    // Built in-process (no Host, no forwarded-for): not from the network.
    expect(isLoopbackRequest(req('http://ferry.test/x'))).toBe(true)
  })
})

describe('csrfRefusal', () => {
  it('refuses cross-site browsers and, with sign-in on, requests without the header', () => {
    const url = 'http://127.0.0.1:3000/api/x'
    expect(csrfRefusal(req(url), false)).toBeNull()
    expect(csrfRefusal(req(url, { 'x-ferry-request': '1' }), true)).toBeNull()
    expect(csrfRefusal(req(url), true)).toMatch(/x-ferry-request/)
    expect(csrfRefusal(req(url, { 'sec-fetch-site': 'cross-site', 'x-ferry-request': '1' }), true)).toMatch(
      /cross-site/,
    )
    expect(csrfRefusal(req(url, { origin: 'https://evil.example' }), false)).toMatch(/cross-origin/)
    expect(
      csrfRefusal(req(url, { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }), false),
    ).toBeNull()
  })
})
