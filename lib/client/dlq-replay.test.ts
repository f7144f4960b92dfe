import { describe, expect, it } from 'vitest'
import {
  checkEditedValue,
  DEFAULT_REPLAY_FORM,
  describeTargets,
  isFinalJobState,
  jobFraction,
  replayOptionsOf,
} from './dlq-replay'

describe('replay job helpers', () => {
  it('knows which states are final', () => {
    expect(['completed', 'failed', 'cancelled', 'interrupted'].every((s) => isFinalJobState(s as never))).toBe(true)
    expect(isFinalJobState('running')).toBe(false)
    expect(isFinalJobState('cancelling')).toBe(false)
  })

  it('counts refused records as handled and clamps to 0..1', () => {
    expect(jobFraction({ done: 3, refused: 1, total: 8 })).toBe(0.5)
    expect(jobFraction({ done: 0, refused: 0, total: 0 })).toBe(1)
    expect(jobFraction({ done: 9, refused: 0, total: 8 })).toBe(1)
  })

  it('says where the copies went', () => {
    expect(
      describeTargets({
        targets: [
          { topic: 'orders', partition: 2, lastOffset: '41', count: 1 },
          { topic: 'orders', partition: 0, lastOffset: '7', count: 3 },
        ],
      }),
    ).toEqual(['1 copy to orders partition 2 (last offset 41)', '3 copies to orders partition 0 (last offset 7)'])
  })
})

describe('replay options from the form', () => {
  it('defaults: keep the key, drop error headers, original partition, no target (= source), no limit', () => {
    expect(replayOptionsOf(DEFAULT_REPLAY_FORM, null)).toEqual({
      options: { keepKey: true, stripErrorHeaders: true, partitioning: 'original' },
    })
  })

  it('takes a target topic and a rate limit, and refuses a bad rate', () => {
    expect(replayOptionsOf({ ...DEFAULT_REPLAY_FORM, targetTopic: ' retry ', rateLimit: '50' }, null)).toEqual({
      options: {
        keepKey: true,
        stripErrorHeaders: true,
        partitioning: 'original',
        targetTopic: 'retry',
        rateLimit: 50,
      },
    })
    expect(replayOptionsOf({ ...DEFAULT_REPLAY_FORM, rateLimit: '-1' }, null)).toHaveProperty('error')
    expect(replayOptionsOf({ ...DEFAULT_REPLAY_FORM, rateLimit: 'fast' }, null)).toHaveProperty('error')
  })

  it('an edited value needs a single record, and stays JSON when the original was', () => {
    const edited = { ...DEFAULT_REPLAY_FORM, editedValue: '{"a":1}' }
    expect(replayOptionsOf(edited, null)).toHaveProperty('error')
    expect(replayOptionsOf(edited, { originalWasJson: true })).toMatchObject({ options: { editedValue: '{"a":1}' } })
    expect(replayOptionsOf({ ...edited, editedValue: '{"a":' }, { originalWasJson: true })).toHaveProperty('error')
    expect(replayOptionsOf({ ...edited, editedValue: 'plain' }, { originalWasJson: false })).toMatchObject({
      options: { editedValue: 'plain' },
    })
  })

  it('explains invalid JSON', () => {
    expect(checkEditedValue('{', true)).toMatch(/^Not valid JSON/)
    expect(checkEditedValue('{', false)).toBeNull()
  })
})
