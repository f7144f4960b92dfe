import { describe, expect, it } from 'vitest'
import { TAIL_LIMITS } from '@/lib/messages/tail/types'
import { DEFAULT_STATE } from './explorer-model'
import { toTailRequest } from './tail-model'

describe('toTailRequest', () => {
  it('takes the partitions, the filter and the formats; ignores the scan start', () => {
    const state = { ...DEFAULT_STATE, partitions: '2, 0,2', cel: ' value.a > 1 ', from: 'group' as const, group: '' }
    expect(toTailRequest(state)).toEqual({
      request: {
        partitions: [2, 0],
        filter: { cel: 'value.a > 1', contains: undefined },
        keyFormat: 'auto',
        valueFormat: 'auto',
        maxMs: TAIL_LIMITS.maxMs,
      },
    })
  })

  it('follows every partition without a filter by default, and refuses bad partitions', () => {
    expect(toTailRequest(DEFAULT_STATE)).toMatchObject({ request: { partitions: undefined, filter: undefined } })
    expect(toTailRequest({ ...DEFAULT_STATE, partitions: '1,x' })).toEqual({
      error: 'Partitions: numbers separated by commas',
    })
  })
})
