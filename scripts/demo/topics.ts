/** Names of the demo topics, shared by the seeding, producing and consuming modules. */
export const DEMO_TOPIC = {
  orders: 'orders.order-created',
  payments: 'payments.payment-processed',
  inventory: 'inventory.stock-updated',
  shipping: 'shipping.shipment-dispatched',
  customers: 'customers.profile-updated',
  clickstream: 'audit.clickstream',
  paymentsDlt: 'payments.payment-processed.DLT',
  inventoryConnectDlq: 'dlq-inventory-connector',
  ordersDlq: 'orders.order-created.dlq',
} as const

export type DemoTopicName = (typeof DEMO_TOPIC)[keyof typeof DEMO_TOPIC]

/** Topics the producers write business events to (the dead-letter topics are written by the fraud detector). */
export const SOURCE_TOPICS = [
  DEMO_TOPIC.orders,
  DEMO_TOPIC.payments,
  DEMO_TOPIC.inventory,
  DEMO_TOPIC.shipping,
  DEMO_TOPIC.customers,
  DEMO_TOPIC.clickstream,
] as const

export type SourceTopic = (typeof SOURCE_TOPICS)[number]

export type DemoTopicSpec = {
  topic: DemoTopicName
  numPartitions: number
  /** Per-topic overrides, so the console's config view shows more than broker defaults. */
  configs: Record<string, string>
}

const DAY_MS = 86_400_000

export const DEMO_TOPIC_SPECS: readonly DemoTopicSpec[] = [
  {
    topic: DEMO_TOPIC.orders,
    numPartitions: 6,
    configs: { 'retention.ms': String(7 * DAY_MS), 'max.message.bytes': '2097152', 'segment.bytes': '67108864' },
  },
  {
    topic: DEMO_TOPIC.payments,
    numPartitions: 4,
    configs: {
      'retention.ms': String(14 * DAY_MS),
      'min.insync.replicas': '1',
      'message.timestamp.type': 'CreateTime',
    },
  },
  {
    topic: DEMO_TOPIC.inventory,
    numPartitions: 3,
    configs: { 'retention.ms': String(3 * DAY_MS), 'segment.bytes': '16777216' },
  },
  {
    topic: DEMO_TOPIC.shipping,
    numPartitions: 3,
    configs: { 'retention.ms': String(7 * DAY_MS), 'segment.ms': String(DAY_MS) },
  },
  {
    topic: DEMO_TOPIC.customers,
    numPartitions: 2,
    // Short segments and a low dirty ratio let compaction visibly run during a demo session.
    configs: {
      'cleanup.policy': 'compact',
      'min.compaction.lag.ms': '60000',
      'delete.retention.ms': String(DAY_MS),
      'segment.ms': '600000',
      'min.cleanable.dirty.ratio': '0.1',
    },
  },
  {
    topic: DEMO_TOPIC.clickstream,
    numPartitions: 3,
    // One hour of retention with 10-minute segments: old clicks really disappear while the demo runs.
    configs: { 'retention.ms': '3600000', 'segment.ms': '600000', 'retention.bytes': '104857600' },
  },
  {
    topic: DEMO_TOPIC.paymentsDlt,
    // Spring's DeadLetterPublishingRecoverer keeps the original partition, so the DLT mirrors the source's count.
    numPartitions: 4,
    configs: { 'retention.ms': String(30 * DAY_MS) },
  },
  {
    topic: DEMO_TOPIC.inventoryConnectDlq,
    numPartitions: 1,
    configs: { 'retention.ms': String(30 * DAY_MS) },
  },
  {
    topic: DEMO_TOPIC.ordersDlq,
    numPartitions: 3,
    configs: { 'retention.ms': String(30 * DAY_MS), 'max.message.bytes': '4194304' },
  },
]
