import 'server-only'
import { type ScanEvent, scanMessages } from '../scan/scan-messages'
import type { ScanRequest } from '../types'
import { csvHeader, csvRecord, type ExportFormat, ndjsonLine } from './format-row'

const encoder = new TextEncoder()

/** Rows are joined into chunks of about this many characters, so a large batch is not one huge string. */
const CHUNK_CHARS = 256 * 1024

/**
 * A scan as a file body (NDJSON or CSV), pulled with backpressure: the scan reads its next round only when the
 * consumer has taken the previous one, so a slow download holds at most one round in memory. The scan's own
 * bounds (limit, maxScan, maxMs) end the file; cancelling the stream (client gone) or `signal` stops the scan.
 *
 * A bad filter or cluster throws at once; an unknown topic or partition and an unreachable broker reject the
 * promise — both before any byte is produced, so callers can still answer with an error status. A failure after
 * that errors the stream (the download fails rather than ending silently short).
 */
export async function exportMessages(
  clusterId: string,
  topic: string,
  request: ScanRequest,
  format: ExportFormat,
  signal?: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
  const events = scanMessages(clusterId, topic, request, signal)
  const row = format === 'csv' ? csvRecord : ndjsonLine
  let first: IteratorResult<ScanEvent> | null
  try {
    first = await events.next()
  } catch (err) {
    await events.return(undefined).catch(() => undefined)
    throw err
  }
  let pending: string[] = format === 'csv' ? [csvHeader()] : []

  /** Encodes one event's rows into chunks; false when nothing was enqueued (progress event). */
  const emit = (controller: ReadableStreamDefaultController<Uint8Array>, event: ScanEvent): boolean => {
    if (event.type !== 'messages') return false
    let parts = pending
    let size = parts.reduce((n, p) => n + p.length, 0)
    pending = []
    for (const m of event.messages) {
      const line = row(m)
      parts.push(line)
      size += line.length
      if (size >= CHUNK_CHARS) {
        controller.enqueue(encoder.encode(parts.join('')))
        parts = []
        size = 0
      }
    }
    if (parts.length > 0) controller.enqueue(encoder.encode(parts.join('')))
    return true
  }

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          // Progress events carry no rows: keep reading until something was enqueued or the scan ended.
          for (;;) {
            const next = first ?? (await events.next())
            first = null
            if (next.done) {
              if (pending.length > 0) controller.enqueue(encoder.encode(pending.join('')))
              pending = []
              controller.close()
              return
            }
            if (emit(controller, next.value)) return
          }
        } catch (err) {
          controller.error(err)
        }
      },
      async cancel() {
        await events.return(undefined)
      },
    },
    { highWaterMark: 0 },
  )
}
