import { describe, expect, it } from 'vitest'
import { collidingTopic, topicNameProblem } from './topic-name'

describe('topicNameProblem (Kafka topic name rules)', () => {
  it('accepts letters, digits, dot, underscore and dash up to 249 characters', () => {
    for (const name of ['orders', 'orders.order-created', 'a_b-C.9', 'x'.repeat(249), '...'])
      expect(topicNameProblem(name), name).toBeNull()
  })

  it('refuses empty, "." and "..", too long names and other characters, saying why', () => {
    expect(topicNameProblem('')).toMatch(/empty/)
    expect(topicNameProblem('.')).toMatch(/cannot be named "."/)
    expect(topicNameProblem('..')).toMatch(/cannot be named ".."/)
    expect(topicNameProblem('x'.repeat(250))).toMatch(/at most 249 characters \(this one has 250\)/)
    for (const name of ['with space', 'slash/es', 'ümlaut', 'tab\t', 'colon:', 'star*'])
      expect(topicNameProblem(name), name).toMatch(/only contain ASCII letters/)
  })
})

describe('collidingTopic', () => {
  it('finds the topic that differs only by "." versus "_"', () => {
    expect(collidingTopic('a.b', ['a_b', 'c'])).toBe('a_b')
    expect(collidingTopic('a_b', ['a.b'])).toBe('a.b')
    expect(collidingTopic('a.b', ['a.b', 'ab'])).toBeNull()
    expect(collidingTopic('a-b', ['a_b'])).toBeNull()
  })
})
