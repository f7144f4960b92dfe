import { describe, expect, it } from 'vitest'
import { deadLetterQueryParams, deadLettersUrl, deadLetterUrl, normaliseDeadLetterQuery, replayJobUrl } from './dlq'

describe('dead-letter query parameters', () => {
  it('leaves out empty fields and keeps a fixed order, so equal filters give equal URLs', () => {
    expect(
      deadLetterQueryParams({ text: 'boom', topic: 'orders.dlq', errorType: ' ', status: 'pending' }).toString(),
    ).toBe('topic=orders.dlq&status=pending&text=boom')
    expect(normaliseDeadLetterQuery({ cel: '', fingerprint: 'abc' })).toEqual({ fingerprint: 'abc' })
  })

  it('adds the cursor of the next page and encodes CEL', () => {
    expect(deadLettersUrl('prod', { cel: 'dlq.attempts > 2' }, 'c1')).toBe(
      '/api/clusters/prod/dlq/messages?cel=dlq.attempts+%3E+2&cursor=c1',
    )
    expect(deadLettersUrl('prod', {})).toBe('/api/clusters/prod/dlq/messages')
  })

  it('encodes topics, offsets and job ids in paths', () => {
    expect(deadLetterUrl('prod', 'a/b', 2, '10')).toBe('/api/clusters/prod/dlq/messages/a%2Fb/2/10')
    expect(replayJobUrl('prod', 'j 1')).toBe('/api/clusters/prod/dlq/replay-jobs/j%201')
  })
})
