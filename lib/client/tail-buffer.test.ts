import { describe, expect, it } from 'vitest'
import { addToTail, emptyTailBuffer, pauseTail, resumeTail } from './tail-buffer'

describe('tail buffer', () => {
  it('shows the newest first and keeps at most the cap', () => {
    let b = addToTail(emptyTailBuffer<number>(), [1, 2, 3], 4)
    b = addToTail(b, [4, 5], 4)
    expect(b.rows).toEqual([5, 4, 3, 2])
    expect(addToTail(b, [6, 7, 8, 9, 10, 11], 4).rows).toEqual([11, 10, 9, 8])
  })

  it('holds what arrives while paused, counts all of it, and shows it on resume up to the cap', () => {
    let b = pauseTail(addToTail(emptyTailBuffer<number>(), [1, 2], 4))
    b = addToTail(b, [3, 4, 5], 4)
    b = addToTail(b, [6, 7], 4)
    expect(b.rows).toEqual([2, 1])
    expect(b.held).toEqual([7, 6, 5, 4])
    expect(b.heldCount).toBe(5)
    const r = resumeTail(b, 4)
    expect(r).toEqual({ rows: [7, 6, 5, 4], held: [], heldCount: 0, paused: false })
    expect(resumeTail(r, 4)).toBe(r)
  })
})
