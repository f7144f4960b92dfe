'use client'

import { useCallback, useEffect, useRef, useState } from 'react'
import { type GroupSearch, groupSearchToQuery } from './group-table-model'

/**
 * The table's filter and sort state, mirrored into the URL (?q=…&type=…&state=…) so a view can be shared. React
 * state is the source of truth while the page is open: history.replaceState writes the URL without a server round
 * trip or a history entry per keystroke.
 */
export function useGroupSearch(initial: GroupSearch) {
  const [search, setSearch] = useState(initial)
  const written = useRef(groupSearchToQuery(initial))

  useEffect(() => {
    const query = groupSearchToQuery(search)
    if (query === written.current) return
    written.current = query
    window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}`)
  }, [search])

  const update = useCallback((patch: Partial<GroupSearch>) => setSearch((s) => ({ ...s, ...patch })), [])
  return [search, update] as const
}
