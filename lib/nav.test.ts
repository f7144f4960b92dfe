import { describe, expect, it } from 'vitest'
import { clusterHref, sectionOf, topicHref } from './nav'

describe('sectionOf', () => {
  it('finds the section under /clusters/{id}', () => {
    expect(sectionOf('/clusters/prod')).toBe('')
    expect(sectionOf('/clusters/prod/topics')).toBe('topics')
    expect(sectionOf('/clusters/prod/groups')).toBe('groups')
    expect(sectionOf('/clusters/prod/dlq')).toBe('dlq')
    expect(sectionOf('/clusters/prod/audit')).toBe('audit')
  })

  // Switching cluster from a topic's page lands on the other cluster's topic list, not on a topic it may lack.
  it('keeps only the section of a deeper path', () => {
    expect(sectionOf('/clusters/prod/topics/orders')).toBe('topics')
  })

  it('falls back to the overview for anything else', () => {
    expect(sectionOf('/')).toBe('')
    expect(sectionOf('/clusters/prod/settings')).toBe('')
    expect(sectionOf('/elsewhere/prod/topics')).toBe('')
  })
})

describe('hrefs', () => {
  it('builds cluster and topic links', () => {
    expect(clusterHref('prod')).toBe('/clusters/prod')
    expect(clusterHref('prod', 'topics')).toBe('/clusters/prod/topics')
    expect(clusterHref('prod', 'audit')).toBe('/clusters/prod/audit')
    expect(topicHref('prod', 'orders.v1')).toBe('/clusters/prod/topics/orders.v1')
    expect(topicHref('prod', 'a b/c')).toBe('/clusters/prod/topics/a%20b%2Fc')
  })
})
