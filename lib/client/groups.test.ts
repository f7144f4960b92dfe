import { describe, expect, it } from 'vitest'
import { GROUP_DETAIL_POLL_MS, GROUPS_POLL_MS, groupDetailQuery, groupKeys, groupsQuery } from './groups'
import { topicKeys } from './topics'

describe('groupKeys', () => {
  it('nests under the cluster, so invalidating the cluster refreshes its groups', () => {
    expect(groupKeys.list('prod').slice(0, 2)).toEqual(topicKeys.all('prod').slice(0, 2))
    expect(groupKeys.detail('prod', 'billing')).toEqual([...groupKeys.all('prod'), 'detail', 'billing'])
  })

  // A group literally named "list" must not share the list's cache entry.
  it('keeps a group called "list" apart from the list', () => {
    expect(groupKeys.detail('prod', 'list')).not.toEqual(groupKeys.list('prod'))
  })
})

describe('group queries', () => {
  it('poll the list every 10 s and a group every 5 s', () => {
    expect(groupsQuery('prod').refetchInterval).toBe(GROUPS_POLL_MS)
    expect(GROUPS_POLL_MS).toBe(10_000)
    expect(groupDetailQuery('prod', 'g').refetchInterval).toBe(GROUP_DETAIL_POLL_MS)
    expect(GROUP_DETAIL_POLL_MS).toBe(5_000)
  })

  it('encodes group ids that contain slashes or spaces', async () => {
    const seen: string[] = []
    const realFetch = globalThis.fetch
    globalThis.fetch = (async (url: string) => {
      seen.push(url)
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } })
    }) as typeof fetch
    try {
      const { queryFn } = groupDetailQuery('my cluster', 'team/a b#1')
      await (queryFn as (ctx: { signal: AbortSignal }) => Promise<unknown>)({ signal: new AbortController().signal })
    } finally {
      globalThis.fetch = realFetch
    }
    expect(seen).toEqual(['/api/clusters/my%20cluster/groups/team%2Fa%20b%231'])
  })
})
