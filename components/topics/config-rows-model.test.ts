import { describe, expect, it } from 'vitest'
import { changeRequestOf, configRow, configsOfRows, rowsOf } from './config-rows-model'

describe('configsOfRows', () => {
  it('turns rows into configs, skipping blank rows and trimming names', () => {
    expect(
      configsOfRows([configRow(' retention.ms ', '1000'), configRow(), configRow('cleanup.policy', 'compact')]),
    ).toEqual({
      configs: { 'retention.ms': '1000', 'cleanup.policy': 'compact' },
    })
  })

  it('names the problem: missing name, bad name, duplicate', () => {
    expect(configsOfRows([configRow('', '5')])).toEqual({ problem: 'A config with value "5" has no name' })
    expect(configsOfRows([configRow('a b', '5')])).toEqual({ problem: '"a b" is not a config name' })
    expect(configsOfRows([configRow('a', '1'), configRow('a', '2')])).toEqual({ problem: '"a" is listed twice' })
  })

  it('rowsOf lists configs sorted by name', () => {
    expect(rowsOf({ b: '2', a: '1' }).map((r) => [r.name, r.value])).toEqual([
      ['a', '1'],
      ['b', '2'],
    ])
  })
})

describe('changeRequestOf', () => {
  it('sends only what changed: new and changed values set, removed ones deleted', () => {
    expect(
      changeRequestOf(
        { 'retention.ms': '1', 'segment.ms': '2', 'cleanup.policy': 'delete' },
        { 'retention.ms': '5', 'segment.ms': '2', x: 'y' },
      ),
    ).toEqual({ set: { 'retention.ms': '5', x: 'y' }, delete: ['cleanup.policy'] })
    expect(changeRequestOf({ a: '1' }, { a: '1' })).toEqual({ set: {}, delete: [] })
  })
})
