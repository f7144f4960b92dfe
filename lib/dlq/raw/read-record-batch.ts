import { DeadLetterTable } from './dead-letter-table'

// The records of a Fetch response's records bytes as objects (key, value, headers as views of the fetched bytes,
// offset): what a recovery scan, a jobs read or a test needs. Walked by the DeadLetterTable, like a replay's reads.

export type ReplayRecord = {
  key: Buffer | null
  value: Buffer | null
  headers: [Buffer | null, Buffer | null][]
}
export type ReplayFetched = { record: ReplayRecord; offset: bigint }

/** Appends the records at or after `from`; returns the offset after the last whole batch (or `from`). */
export function readBatches(buf: Buffer, from: bigint, out: ReplayFetched[]): bigint {
  const table = new DeadLetterTable()
  const next = table.addBatches(0, buf, from, () => true)
  for (let row = 0; row < table.rows; row++) {
    const view = table.viewOf(row, '')
    const headers: [Buffer | null, Buffer | null][] = new Array(view.headerCount)
    for (let i = 0; i < headers.length; i++) headers[i] = [view.headerKeyBytes(i), view.headerValue(i)]
    out.push({ record: { key: view.key(), value: view.value(), headers }, offset: table.exactOffset[row]! })
  }
  return next
}
