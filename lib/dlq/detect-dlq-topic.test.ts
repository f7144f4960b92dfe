import { describe, expect, it } from 'vitest'
import {
  type DlqDetectOptions,
  dlqTopicMatchOf,
  isDlqByHeaders,
  retryTopicMatchOf,
  topicRoleOf,
} from './detect-dlq-topic'

describe('dlqTopicMatchOf: naming conventions', () => {
  it.each([
    ['orders.dlq', { convention: 'dot-dlq', sourceTopic: 'orders' }],
    ['orders.DLQ', { convention: 'dot-DLQ', sourceTopic: 'orders' }],
    ['orders-dlq', { convention: 'dash-dlq', sourceTopic: 'orders' }],
    ['payments.payment-processed.DLT', { convention: 'dot-DLT', sourceTopic: 'payments.payment-processed' }],
    ['orders-dlt', { convention: 'dash-dlt', sourceTopic: 'orders' }],
    ['dlq-orders', { convention: 'dlq-prefix', sourceTopic: 'orders' }],
    // Without the cluster's topics, a dotted base is taken as the whole topic name.
    ['orders.order-created.dlq', { convention: 'dot-dlq', sourceTopic: 'orders.order-created' }],
    // Spring's retryable topics end in -dlt after the retry topics: still the DLQ of the main topic.
    ['orders-retry-dlt', { convention: 'dash-dlt', sourceTopic: 'orders-retry' }],
  ])('%s', (name, expected) => {
    expect(dlqTopicMatchOf(name)).toEqual(expected)
  })

  it.each([
    'orders',
    'orders.dlq.archive',
    'orders.Dlq',
    'orders_dlq',
    '.dlq',
    'dlq-',
    'dlq',
    'orders-retry',
    'orders.retry-2',
    'orders-retry-1000',
    '__consumer_offsets',
    '__connect.dlq',
    'dlqueue',
  ])('%s is not a DLQ by name', (name) => {
    expect(dlqTopicMatchOf(name)).toBeNull()
  })
})

describe('dlqTopicMatchOf: <topic>.<consumer>.dlq needs the cluster topics', () => {
  const knownTopics = ['orders', 'orders.order-created', 'payments']
  it.each([
    ['orders.order-created.dlq', { convention: 'dot-dlq', sourceTopic: 'orders.order-created', sourceExists: true }],
    [
      'orders.billing.dlq',
      { convention: 'consumer-dlq', sourceTopic: 'orders', consumer: 'billing', sourceExists: true },
    ],
    ['orders.dlq', { convention: 'dot-dlq', sourceTopic: 'orders', sourceExists: true }],
    ['ghost.billing.dlq', { convention: 'dot-dlq', sourceTopic: 'ghost.billing', sourceExists: false }],
    ['payments-dlq', { convention: 'dash-dlq', sourceTopic: 'payments', sourceExists: true }],
    ['dlq-inventory-connector', { convention: 'dlq-prefix', sourceTopic: 'inventory-connector', sourceExists: false }],
  ])('%s', (name, expected) => {
    expect(dlqTopicMatchOf(name, { knownTopics })).toEqual(expected)
    expect(dlqTopicMatchOf(name, { knownTopics: new Set(knownTopics) })).toEqual(expected)
  })
})

describe('dlqTopicMatchOf: configuration', () => {
  const options: DlqDetectOptions = {
    explicit: ['poison-pills', { topic: 'orders.failed', sourceTopic: 'orders' }],
    connect: [
      'connect-errors',
      { topic: 'dlq-inventory-connector', connector: 'inventory-connector', sourceTopics: ['inventory.stock-updated'] },
      { topic: 'multi-sink-errors', connector: 'multi', sourceTopics: ['a', 'b'] },
    ],
    patterns: ['^errors\\.(?<source>.+)$', '^quarantine-.*$', '(unclosed'],
  }
  it.each([
    ['poison-pills', { convention: 'explicit' }],
    ['orders.failed', { convention: 'explicit', sourceTopic: 'orders' }],
    ['connect-errors', { convention: 'connect' }],
    [
      'dlq-inventory-connector',
      { convention: 'connect', connector: 'inventory-connector', sourceTopic: 'inventory.stock-updated' },
    ],
    ['multi-sink-errors', { convention: 'connect', connector: 'multi' }],
    ['errors.payments', { convention: 'pattern', sourceTopic: 'payments' }],
    ['quarantine-x', { convention: 'pattern' }],
    // Built-in conventions still apply; an invalid pattern is skipped, not thrown.
    ['orders.dlq', { convention: 'dot-dlq', sourceTopic: 'orders' }],
  ])('%s', (name, expected) => {
    expect(dlqTopicMatchOf(name, options)).toEqual(expected)
  })

  it('explicit entries win over name conventions and reach internal topics', () => {
    expect(dlqTopicMatchOf('x.dlq', { explicit: [{ topic: 'x.dlq', sourceTopic: 'y' }] })).toEqual({
      convention: 'explicit',
      sourceTopic: 'y',
    })
    expect(dlqTopicMatchOf('__errors', { explicit: ['__errors'] })).toEqual({ convention: 'explicit' })
  })
})

describe('retry topics', () => {
  it.each([
    ['orders-retry', { sourceTopic: 'orders', suffix: '-retry' }],
    ['orders.retry', { sourceTopic: 'orders', suffix: '.retry' }],
    ['orders.retry-3', { sourceTopic: 'orders', suffix: '.retry-3' }],
    ['orders-retry-0', { sourceTopic: 'orders', suffix: '-retry-0' }],
    ['orders-retry-5000', { sourceTopic: 'orders', suffix: '-retry-5000' }],
    ['orders', null],
    ['retry', null],
    ['orders-retryable', null],
  ])('%s', (name, expected) => {
    expect(retryTopicMatchOf(name)).toEqual(expected)
  })

  it.each([
    ['orders.retry-1', 'retry'],
    ['orders.dlq', 'dlq'],
    ['orders-retry-dlt', 'dlq'],
    ['orders', null],
    ['__retry', null],
  ])('topicRoleOf(%s) is %s', (name, role) => {
    expect(topicRoleOf(name)?.role ?? null).toBe(role)
  })
})

describe('isDlqByHeaders', () => {
  it.each([
    [['kafka_dlt-original-topic'], true],
    [['kafka_dlt-exception-fqcn'], true],
    [[{ key: '__connect.errors.topic' }], true],
    [['X-Original-Topic'], true],
    [['x-exception-message'], true],
    [['content-type', 'x-dlq-reason'], true],
    [['content-type', 'correlation-id'], false],
    [['retry-count'], false],
    [['retry_topic-attempts'], false],
    [[], false],
  ])('%j → %s', (headers, expected) => {
    expect(isDlqByHeaders(headers)).toBe(expected)
  })
})
