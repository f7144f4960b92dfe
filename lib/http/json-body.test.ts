import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ApiError } from '@/lib/errors'
import { isJsonType, readJsonBody } from './json-body'

const Schema = z.object({ a: z.number() })
const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://127.0.0.1/x', { method: 'POST', body, headers })

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
    return 'ok'
  } catch (err) {
    return err instanceof ApiError ? err.code : String(err)
  }
}

describe('readJsonBody', () => {
  it('reads a JSON body', async () => {
    expect(await readJsonBody(post('{"a":1}', { 'content-type': 'application/json; charset=utf-8' }), Schema)).toEqual({
      a: 1,
    })
  })

  it('refuses other media types with 415 and says which', async () => {
    await expect(
      readJsonBody(post('a=1', { 'content-type': 'application/x-www-form-urlencoded' }), Schema),
    ).rejects.toMatchObject({
      code: 'unsupported_media_type',
      message: expect.stringContaining('application/x-www-form-urlencoded'),
    })
    // A string body without headers is text/plain in fetch's Request.
    expect(await codeOf(readJsonBody(post('{"a":1}'), Schema))).toBe('unsupported_media_type')
  })

  it('refuses an oversized body with 413, declared or not', async () => {
    const big = JSON.stringify({ a: 1, pad: 'x'.repeat(2_000) })
    expect(await codeOf(readJsonBody(post(big, { 'content-type': 'application/json' }), Schema, 1_000))).toBe(
      'payload_too_large',
    )
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big))
        c.close()
      },
    })
    const undeclared = new Request('http://127.0.0.1/x', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit)
    expect(await codeOf(readJsonBody(undeclared, Schema, 1_000))).toBe('payload_too_large')
  })

  it('refuses text that is not JSON with 422', async () => {
    expect(await codeOf(readJsonBody(post('{nope', { 'content-type': 'application/json' }), Schema))).toBe(
      'invalid_input',
    )
  })
})

describe('isJsonType', () => {
  it.each([
    ['application/json', true],
    ['Application/JSON; charset=UTF-8', true],
    ['application/merge-patch+json', true],
    ['text/plain', false],
    ['application/jsonx', false],
  ])('%s → %s', (type, expected) => expect(isJsonType(type)).toBe(expected))
})
