import { checkJson, type JsonSyntaxError } from '@/lib/messages/produce/json-check'
import type { ProduceRequest, ProduceResult, ProduceValueFormat } from '@/lib/messages/produce/types'
import { topicHref } from '@/lib/nav'

/** The server refuses bigger records (key + value + headers); the form says so before sending. */
export const MAX_RECORD_BYTES = 1024 * 1024

export type HeaderRow = { id: number; key: string; value: string }

export type ProduceForm = {
  /** Empty means no key (null): Kafka then spreads records over partitions. */
  key: string
  value: string
  /** A null value: a tombstone on compacted topics. */
  nullValue: boolean
  valueFormat: ProduceValueFormat
  headers: HeaderRow[]
  /** Empty means "auto": the partitioner picks from the key. */
  partition: string
}

export const initialProduceForm = (): ProduceForm => ({
  key: '',
  value: '',
  nullValue: false,
  valueFormat: 'text',
  headers: [],
  partition: '',
})

let nextRowId = 1
export const newHeaderRow = (): HeaderRow => ({ id: nextRowId++, key: '', value: '' })

/** The JSON error of the value, or null (text mode, null value, or valid JSON). */
export function valueJsonError(form: ProduceForm): JsonSyntaxError | null {
  return form.valueFormat === 'json' && !form.nullValue ? checkJson(form.value) : null
}

export const utf8Bytes = (s: string) => new TextEncoder().encode(s).length

/** Bytes the record carries, as the server counts them. */
export function recordBytesOf(form: ProduceForm): number {
  return (
    utf8Bytes(form.key) +
    (form.nullValue ? 0 : utf8Bytes(form.value)) +
    form.headers.reduce((n, h) => n + utf8Bytes(h.key) + utf8Bytes(h.value), 0)
  )
}

/** Why the form cannot be sent yet, in words; empty when it can. */
export function formProblems(form: ProduceForm, partitions?: number): string[] {
  const problems: string[] = []
  const jsonError = valueJsonError(form)
  if (jsonError) problems.push(`The value is not valid JSON (line ${jsonError.line}, column ${jsonError.column}).`)
  if (form.headers.some((h) => h.key === '')) problems.push('Every header needs a name.')
  const p = form.partition.trim()
  if (p !== '') {
    if (!/^\d{1,10}$/.test(p)) problems.push('The partition must be a whole number ≥ 0, or empty for auto.')
    else if (partitions !== undefined && Number(p) >= partitions)
      problems.push(`The topic has partitions 0–${partitions - 1}; partition ${p} does not exist.`)
  }
  const size = recordBytesOf(form)
  if (size > MAX_RECORD_BYTES) problems.push(`The record is ${size} bytes; at most ${MAX_RECORD_BYTES} are allowed.`)
  return problems
}

/** The request the form sends; the value exactly as typed (pretty-printing is the operator's choice). */
export function requestOf(form: ProduceForm): ProduceRequest {
  const p = form.partition.trim()
  return {
    key: form.key === '' ? null : form.key,
    value: form.nullValue ? null : form.value,
    valueFormat: form.valueFormat,
    headers: form.headers.map(({ key, value }) => ({ key, value })),
    ...(p === '' ? {} : { partition: Number(p) }),
  }
}

/** How the partition will be chosen, for the confirm step. */
export function partitionChoice(request: ProduceRequest): string {
  if (request.partition !== undefined) return `partition ${request.partition}`
  return request.key === null || request.key === undefined
    ? 'auto: no key, the producer spreads records over partitions'
    : 'auto: from the key (murmur2, as the Java client)'
}

/**
 * Re-indents valid JSON by 2 spaces without parsing it into JS values, so what is sent keeps its exact numbers
 * (beyond 2^53), duplicate keys and escapes. Null when the text is not valid JSON.
 */
export function prettyJson(text: string): string | null {
  if (checkJson(text)) return null
  let out = ''
  let depth = 0
  const pad = () => `\n${'  '.repeat(depth)}`
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (c === '"') {
      // Copy the whole string literal, escapes included.
      let j = i + 1
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1
      out += text.slice(i, j + 1)
      i = j
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']'
      let j = i + 1
      while (/\s/.test(text[j] ?? '')) j++
      if (text[j] === close) {
        out += c + close
        i = j
      } else {
        depth++
        out += c + pad()
      }
    } else if (c === '}' || c === ']') {
      depth--
      out += pad() + c
    } else if (c === ',') out += `,${pad()}`
    else if (c === ':') out += ': '
    else if (!/\s/.test(c)) out += c
  }
  return out
}

/** The topic page's messages tab at the written record. */
export function messageHref(clusterId: string, topic: string, result: Pick<ProduceResult, 'partition' | 'offset'>) {
  return `${topicHref(clusterId, topic)}?tab=messages&partition=${result.partition}&offset=${result.offset}`
}
