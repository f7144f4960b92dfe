'use client'

import { useCallback, useEffect, useRef, useState } from 'react'
import type { ErrorBody } from '@/lib/errors'
import { toScanQuery } from '@/lib/messages/scan-query'
import type { DecodedMessage, ScanProgress, ScanRequest } from '@/lib/messages/types'
import { explainStreamFailure, httpErrorOf, streamLostError } from './event-stream-errors'
import type { HttpError } from './fetch-json'

export type ScanStatus = 'idle' | 'running' | 'done' | 'error'

export type MessageScan = {
  status: ScanStatus
  /** Every message received so far; a new array at most every FLUSH_MS, never one per batch. */
  messages: readonly DecodedMessage[]
  progress: ScanProgress | null
  error: HttpError | null
  /** The request of the current (or last) scan. */
  request: ScanRequest | null
  start: (request: ScanRequest) => void
  cancel: () => void
}

/** Batches arrive every few ms on a fast scan: the table takes them in at most this often. */
const FLUSH_MS = 120

export function messagesUrl(clusterId: string, topic: string, request: ScanRequest): string {
  return `/api/clusters/${encodeURIComponent(clusterId)}/topics/${encodeURIComponent(topic)}/messages?${toScanQuery(request)}`
}

/**
 * Runs a message scan over Server-Sent Events (EventSource). Closing the EventSource ends the request, which cancels
 * the scan on the server. The stream is closed on `done` and `error`, or EventSource would reconnect and scan again.
 */
export function useMessageScan(clusterId: string, topic: string): MessageScan {
  const [state, setState] = useState<Omit<MessageScan, 'start' | 'cancel'>>({
    status: 'idle',
    messages: [],
    progress: null,
    error: null,
    request: null,
  })
  const source = useRef<EventSource | null>(null)
  const buffer = useRef<DecodedMessage[]>([])
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const flush = useCallback(() => {
    timer.current = null
    const messages = buffer.current.slice()
    setState((s) => (s.messages.length === messages.length ? s : { ...s, messages }))
  }, [])

  const stop = useCallback(() => {
    source.current?.close()
    source.current = null
    if (timer.current) clearTimeout(timer.current)
    flush()
  }, [flush])

  const start = useCallback(
    (request: ScanRequest) => {
      stop()
      buffer.current = []
      setState({ status: 'running', messages: [], progress: null, error: null, request })
      const url = messagesUrl(clusterId, topic, request)
      const es = new EventSource(url)
      source.current = es
      let heard = false
      es.addEventListener('message', (e) => {
        heard = true
        buffer.current.push(...(JSON.parse(e.data) as DecodedMessage[]))
        timer.current ??= setTimeout(flush, FLUSH_MS)
      })
      es.addEventListener('progress', (e) => {
        heard = true
        const progress = JSON.parse((e as MessageEvent).data) as ScanProgress
        setState((s) => ({ ...s, progress }))
      })
      es.addEventListener('done', (e) => {
        stop()
        const progress = JSON.parse((e as MessageEvent).data) as ScanProgress
        setState((s) => ({ ...s, status: 'done', progress }))
      })
      es.addEventListener('error', (e) => {
        const data = (e as MessageEvent).data
        stop()
        if (typeof data === 'string' && data) {
          setState((s) => ({ ...s, status: 'error', error: httpErrorOf(JSON.parse(data) as ErrorBody) }))
          return
        }
        // A failure before the stream opened (e.g. a 422 on the query): EventSource hides the body, so ask again.
        void (heard ? Promise.resolve(streamLostError('scan')) : explainStreamFailure(url, 'scan stream')).then(
          (error) => setState((s) => ({ ...s, status: 'error', error })),
        )
      })
    },
    [clusterId, topic, flush, stop],
  )

  const cancel = useCallback(() => {
    if (!source.current) return
    stop()
    setState((s) => ({
      ...s,
      status: 'done',
      progress: s.progress ? { ...s.progress, done: true, stopReason: 'cancelled' } : null,
    }))
  }, [stop])

  useEffect(() => stop, [stop])

  return { ...state, start, cancel }
}
