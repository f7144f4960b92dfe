'use client'

import { useCallback, useEffect, useRef, useState } from 'react'
import type { ErrorBody } from '@/lib/errors'
import { toTailQuery } from '@/lib/messages/tail/tail-query'
import type { TailProgress, TailRequest } from '@/lib/messages/tail/types'
import type { DecodedMessage } from '@/lib/messages/types'
import { explainStreamFailure, httpErrorOf, streamLostError } from './event-stream-errors'
import type { HttpError } from './fetch-json'
import { addToTail, emptyTailBuffer, pauseTail, resumeTail, type TailBuffer } from './tail-buffer'

export type TailStatus = 'idle' | 'connecting' | 'live' | 'ended' | 'error'

export type MessageTail = {
  status: TailStatus
  paused: boolean
  /** Shown rows, newest first, at most TAIL_ROW_CAP. */
  messages: readonly DecodedMessage[]
  /** Arrived while paused (all of them counted; the newest TAIL_ROW_CAP are shown on resume). */
  newWhilePaused: number
  progress: TailProgress | null
  error: HttpError | null
  request: TailRequest | null
  start: (request: TailRequest) => void
  stop: () => void
  pause: () => void
  resume: () => void
}

/** The table takes new rows in at most this often, however fast batches come. */
const FLUSH_MS = 250

export function tailUrl(clusterId: string, topic: string, request: TailRequest): string {
  return `/api/clusters/${encodeURIComponent(clusterId)}/topics/${encodeURIComponent(topic)}/messages/tail?${toTailQuery(request)}`
}

/**
 * Follows a topic's new messages over Server-Sent Events. Closing the EventSource ends the request, which stops
 * the tail on the server; it is closed on `done` and `error` too, or EventSource would reconnect and start over.
 */
export function useMessageTail(clusterId: string, topic: string): MessageTail {
  const [status, setStatus] = useState<TailStatus>('idle')
  const [view, setView] = useState<TailBuffer<DecodedMessage>>(emptyTailBuffer)
  const [progress, setProgress] = useState<TailProgress | null>(null)
  const [error, setError] = useState<HttpError | null>(null)
  const [request, setRequest] = useState<TailRequest | null>(null)
  const source = useRef<EventSource | null>(null)
  const buffer = useRef<TailBuffer<DecodedMessage>>(emptyTailBuffer())
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const flush = useCallback(() => {
    timer.current = null
    setView(buffer.current)
  }, [])

  const close = useCallback(() => {
    source.current?.close()
    source.current = null
    if (timer.current) clearTimeout(timer.current)
    flush()
  }, [flush])

  const start = useCallback(
    (next: TailRequest) => {
      close()
      buffer.current = emptyTailBuffer()
      setView(buffer.current)
      setStatus('connecting')
      setProgress(null)
      setError(null)
      setRequest(next)
      const url = tailUrl(clusterId, topic, next)
      const es = new EventSource(url)
      source.current = es
      let heard = false
      es.addEventListener('message', (e) => {
        buffer.current = addToTail(buffer.current, JSON.parse(e.data) as DecodedMessage[])
        timer.current ??= setTimeout(flush, FLUSH_MS)
      })
      es.addEventListener('progress', (e) => {
        heard = true
        setStatus('live')
        setProgress(JSON.parse((e as MessageEvent).data) as TailProgress)
      })
      es.addEventListener('done', (e) => {
        close()
        setStatus('ended')
        setProgress(JSON.parse((e as MessageEvent).data) as TailProgress)
      })
      es.addEventListener('error', (e) => {
        const data = (e as MessageEvent).data
        close()
        setStatus('error')
        if (typeof data === 'string' && data) {
          setError(httpErrorOf(JSON.parse(data) as ErrorBody))
          return
        }
        void (heard ? Promise.resolve(streamLostError('live tail')) : explainStreamFailure(url, 'live tail')).then(
          setError,
        )
      })
    },
    [clusterId, topic, close, flush],
  )

  const stop = useCallback(() => {
    if (!source.current) return
    close()
    setStatus('ended')
    setProgress((p) => (p ? { ...p, done: true, stopReason: 'cancelled' } : p))
  }, [close])

  const pause = useCallback(() => {
    buffer.current = pauseTail(buffer.current)
    flush()
  }, [flush])

  const resume = useCallback(() => {
    buffer.current = resumeTail(buffer.current)
    flush()
  }, [flush])

  useEffect(() => close, [close])

  return {
    status,
    paused: view.paused,
    messages: view.rows,
    newWhilePaused: view.heldCount,
    progress,
    error,
    request,
    start,
    stop,
    pause,
    resume,
  }
}
