'use client'

import { useCallback, useEffect, useRef, useState } from 'react'
import { type TopicSearch, topicSearchToQuery } from './topic-table-model'

/**
 * The table's filter and sort state, mirrored into the URL (?q=…&internal=1) so a view can be shared. React state
 * is the source of truth while the page is open: history.replaceState writes the URL without a server round trip
 * or a history entry per keystroke (Next.js integrates native history calls into useSearchParams).
 */
export function useTopicSearch(initial: TopicSearch) {
  const [search, setSearch] = useState(initial)
  const written = useRef(topicSearchToQuery(initial))

  useEffect(() => {
    const query = topicSearchToQuery(search)
    if (query === written.current) return
    written.current = query
    window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}`)
  }, [search])

  const update = useCallback((patch: Partial<TopicSearch>) => setSearch((s) => ({ ...s, ...patch })), [])
  return [search, update] as const
}
