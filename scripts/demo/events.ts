import { createRng, type Rng } from './prng'
import { DEMO_TOPIC, type SourceTopic } from './topics'

/** One business event ready to produce. Values are JSON text, except poison values and compaction tombstones. */
export type DemoRecord = {
  topic: SourceTopic
  key: string
  value: string | null
  headers: Record<string, string>
  /** Record CreateTime in epoch ms. */
  timestamp: number
}

/** Share of total traffic per topic; orders dominate like in a real shop. */
export const TRAFFIC_MIX: Readonly<Record<SourceTopic, number>> = {
  [DEMO_TOPIC.orders]: 30,
  [DEMO_TOPIC.payments]: 25,
  [DEMO_TOPIC.inventory]: 20,
  [DEMO_TOPIC.shipping]: 10,
  [DEMO_TOPIC.customers]: 5,
  [DEMO_TOPIC.clickstream]: 10,
}

/** Fraction of orders, payments and stock updates that are deliberately broken, so dead-letter topics fill slowly. */
export const POISON_RATE = 0.03

const CURRENCIES = { EUR: 1, USD: 1.08, GBP: 0.85, PLN: 4.31, SEK: 11.42 } as const
type Currency = keyof typeof CURRENCIES
const CURRENCY_WEIGHTS: Record<Currency, number> = { EUR: 55, USD: 20, GBP: 12, PLN: 8, SEK: 5 }

const CATALOG = [
  { sku: 'SKU-KB-1042', name: 'Mechanical keyboard (ISO-DE)', price: 129.9, weightKg: 1.1 },
  { sku: 'SKU-MS-2210', name: 'Wireless mouse', price: 39.99, weightKg: 0.2 },
  { sku: 'SKU-HD-3301', name: 'Noise-cancelling headphones', price: 249.0, weightKg: 0.6 },
  { sku: 'SKU-MN-2701', name: '27" 4K monitor', price: 389.0, weightKg: 6.4 },
  { sku: 'SKU-CB-0012', name: 'USB-C cable 2 m', price: 12.5, weightKg: 0.05 },
  { sku: 'SKU-DK-4410', name: 'Thunderbolt dock', price: 199.0, weightKg: 0.9 },
  { sku: 'SKU-LT-1500', name: 'Laptop stand, aluminium', price: 49.9, weightKg: 1.3 },
  { sku: 'SKU-WC-0808', name: '1080p webcam', price: 79.0, weightKg: 0.3 },
  { sku: 'SKU-CH-9001', name: 'Ergonomic office chair', price: 429.0, weightKg: 18.5 },
  { sku: 'SKU-DS-1800', name: 'Standing desk frame', price: 549.0, weightKg: 32.0 },
  { sku: 'SKU-SP-0420', name: 'Bluetooth speaker', price: 89.0, weightKg: 0.7 },
  { sku: 'SKU-SS-1000', name: 'Portable SSD 1 TB', price: 109.0, weightKg: 0.1 },
  { sku: 'SKU-MP-0101', name: 'Desk mat XL', price: 24.9, weightKg: 0.5 },
  { sku: 'SKU-LA-3030', name: 'LED desk lamp', price: 59.0, weightKg: 1.0 },
  { sku: 'SKU-HB-0707', name: 'USB hub, 7 ports', price: 34.9, weightKg: 0.2 },
] as const

const WAREHOUSES = ['WH-BER-1', 'WH-HAM-2', 'WH-AMS-1', 'WH-WAW-1', 'WH-MAD-1'] as const
const CITIES = [
  { city: 'Berlin', postalCode: '10115', country: 'DE' },
  { city: 'Hamburg', postalCode: '20095', country: 'DE' },
  { city: 'Amsterdam', postalCode: '1012 AB', country: 'NL' },
  { city: 'Warsaw', postalCode: '00-001', country: 'PL' },
  { city: 'Madrid', postalCode: '28001', country: 'ES' },
  { city: 'London', postalCode: 'EC1A 1BB', country: 'GB' },
  { city: 'Stockholm', postalCode: '111 20', country: 'SE' },
  { city: 'Boston', postalCode: '02108', country: 'US' },
] as const
const STREETS = ['Hauptstraße', 'Market Street', 'Keizersgracht', 'ul. Marszałkowska', 'Calle Mayor', 'Drottninggatan']
const FIRST_NAMES = [
  'Anna',
  'Ben',
  'Chiara',
  'David',
  'Emma',
  'Felix',
  'Greta',
  'Hugo',
  'Ines',
  'Jonas',
  'Kasia',
  'Liam',
]
const LAST_NAMES = [
  'Müller',
  'Smith',
  'Rossi',
  'Kowalski',
  'García',
  'Jansen',
  'Lindqvist',
  'Brown',
  'Schmidt',
  'Novak',
]
const CARRIERS = {
  DHL: ['Paket', 'Express'],
  UPS: ['Standard', 'Saver'],
  DPD: ['Classic'],
  PostNL: ['Pakket'],
} as const
const PAGES = ['/', '/search', '/c/keyboards', '/c/monitors', '/p/SKU-KB-1042', '/p/SKU-HD-3301', '/cart', '/checkout']
const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
]
const CUSTOMER_POOL = 400

type OrderRef = { orderId: string; customerId: string; total: number; currency: Currency; correlationId: string }

/** Mutable memory of the shop: recent orders link payments and shipments to real order ids. */
export type EventState = {
  rng: Rng
  recentOrders: OrderRef[]
  paidOrders: OrderRef[]
  stock: Map<string, number>
  sessions: string[]
}

export function createEventState(seed: number): EventState {
  return { rng: createRng(seed), recentOrders: [], paidOrders: [], stock: new Map(), sessions: [] }
}

export type EventGenerator = {
  /** An event for a topic picked by TRAFFIC_MIX. */
  next(timestamp?: number): DemoRecord
  forTopic(topic: SourceTopic, timestamp?: number): DemoRecord
}

/** A seeded stream of events across all source topics. */
export function createEventGenerator(seed: number): EventGenerator {
  const state = createEventState(seed)
  const forTopic = (topic: SourceTopic, timestamp = Date.now()): DemoRecord => GENERATORS[topic](state, timestamp)
  return { forTopic, next: (timestamp) => forTopic(state.rng.weighted(TRAFFIC_MIX), timestamp) }
}

const GENERATORS: Record<SourceTopic, (state: EventState, ts: number) => DemoRecord> = {
  [DEMO_TOPIC.orders]: orderCreated,
  [DEMO_TOPIC.payments]: paymentProcessed,
  [DEMO_TOPIC.inventory]: stockUpdated,
  [DEMO_TOPIC.shipping]: shipmentDispatched,
  [DEMO_TOPIC.customers]: profileUpdated,
  [DEMO_TOPIC.clickstream]: clickstreamEvent,
}

export function orderCreated(state: EventState, ts: number): DemoRecord {
  const { rng } = state
  const currency = rng.weighted(CURRENCY_WEIGHTS)
  const customerId = customerIdOf(rng.int(1, CUSTOMER_POOL))
  const lineItems = Array.from({ length: rng.int(1, 4) }, (_, i) => {
    const product = rng.pick(CATALOG)
    return {
      lineId: i + 1,
      sku: product.sku,
      name: product.name,
      quantity: rng.chance(0.8) ? 1 : rng.int(2, 5),
      unitPrice: money(product.price * CURRENCIES[currency]),
    }
  })
  const subtotal = money(lineItems.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0))
  const shippingFee = subtotal > 100 * CURRENCIES[currency] ? 0 : money(4.99 * CURRENCIES[currency])
  const tax = money(subtotal * 0.19)
  const order: Record<string, unknown> = {
    eventId: rng.uuid(),
    eventType: 'OrderCreated',
    schemaVersion: 3,
    occurredAt: new Date(ts).toISOString(),
    orderId: `ord_${rng.code(10)}`,
    customerId,
    channel: rng.weighted({ web: 60, mobile: 35, pos: 5 }),
    currency,
    lineItems,
    subtotal,
    shippingFee,
    tax,
    total: money(subtotal + shippingFee + tax),
    shippingAddress: addressOf(rng, customerNameOf(customerId)),
    promoCode: rng.chance(0.15) ? rng.pick(['SUMMER10', 'WELCOME5', 'FREESHIP']) : null,
  }
  const ref: OrderRef = {
    orderId: order.orderId as string,
    customerId,
    total: order.total as number,
    currency,
    correlationId: rng.uuid(),
  }
  if (rng.chance(POISON_RATE)) {
    // Three kinds of broken orders, so the JSON-envelope DLQ shows several error types.
    const kind = rng.pick(['negative-quantity', 'missing-customer', 'amount-mismatch'] as const)
    if (kind === 'negative-quantity') {
      const line = lineItems[rng.int(0, lineItems.length - 1)]!
      line.quantity = -rng.int(1, 3)
    } else if (kind === 'missing-customer') {
      delete order.customerId
    } else {
      order.total = money(ref.total + rng.int(5, 50))
    }
  } else {
    remember(state.recentOrders, ref)
  }
  return record(DEMO_TOPIC.orders, ref.orderId, order, ts, 'OrderCreated', 'order-service', ref.correlationId)
}

export function paymentProcessed(state: EventState, ts: number): DemoRecord {
  const { rng } = state
  const order = rng.pick(state.recentOrders.length > 0 ? state.recentOrders : [fallbackOrder(rng)])
  const method = rng.weighted({ card: 60, paypal: 20, sepa_debit: 12, apple_pay: 8 })
  const status = rng.weighted({ CAPTURED: 88, AUTHORIZED: 5, DECLINED: 7 })
  const payment: Record<string, unknown> = {
    eventId: rng.uuid(),
    eventType: 'PaymentProcessed',
    occurredAt: new Date(ts).toISOString(),
    paymentId: `pay_${rng.code(12)}`,
    orderId: order.orderId,
    customerId: order.customerId,
    amount: order.total,
    currency: order.currency,
    method,
    status,
    provider: rng.pick(['stripe', 'adyen']),
    riskScore: rng.float(0, status === 'DECLINED' ? 0.99 : 0.4, 3),
    card:
      method === 'card'
        ? { brand: rng.pick(['visa', 'mastercard', 'amex']), last4: String(rng.int(0, 9999)).padStart(4, '0') }
        : null,
    declineReason: status === 'DECLINED' ? rng.pick(['insufficient_funds', 'do_not_honor', 'expired_card']) : null,
  }
  const key = payment.paymentId as string
  if (rng.chance(POISON_RATE)) {
    const kind = rng.pick(['negative-amount', 'unsupported-currency', 'missing-order-id', 'malformed-json'] as const)
    if (kind === 'negative-amount') payment.amount = -order.total
    if (kind === 'unsupported-currency') payment.currency = rng.pick(['XBT', 'ZZZ', 'eur'])
    if (kind === 'missing-order-id') payment.orderId = null
    if (kind === 'malformed-json') {
      const text = JSON.stringify(payment)
      const truncated = text.slice(0, rng.int(40, text.length - 10))
      return rawRecord(DEMO_TOPIC.payments, key, truncated, ts, 'PaymentProcessed', order.correlationId)
    }
  } else if (status === 'CAPTURED') {
    remember(state.paidOrders, order)
  }
  return record(DEMO_TOPIC.payments, key, payment, ts, 'PaymentProcessed', 'payment-service', order.correlationId)
}

export function stockUpdated(state: EventState, ts: number): DemoRecord {
  const { rng } = state
  const product = rng.pick(CATALOG)
  const warehouse = rng.pick(WAREHOUSES)
  const slot = `${product.sku}@${warehouse}`
  const previousQuantity = state.stock.get(slot) ?? rng.int(20, 400)
  const reason = rng.weighted({ SALE: 70, RESTOCK: 12, RETURN: 10, ADJUSTMENT: 8 })
  const delta =
    reason === 'SALE'
      ? -Math.min(previousQuantity, rng.int(1, 3))
      : reason === 'RESTOCK'
        ? rng.int(50, 300)
        : reason === 'RETURN'
          ? 1
          : rng.int(-5, 5)
  const quantity = previousQuantity + delta
  state.stock.set(slot, quantity)
  const event: Record<string, unknown> = {
    eventId: rng.uuid(),
    eventType: 'StockUpdated',
    occurredAt: new Date(ts).toISOString(),
    sku: product.sku,
    warehouse,
    reason,
    delta,
    previousQuantity,
    quantity,
    reorderPoint: 25,
    belowReorderPoint: quantity < 25,
  }
  if (rng.chance(POISON_RATE)) {
    // Shapes a Connect sink rejects in its converter or transformation stage.
    const kind = rng.pick(['malformed-json', 'quantity-not-a-number', 'bad-timestamp'] as const)
    if (kind === 'malformed-json') {
      const text = JSON.stringify(event).replace(/"quantity":(-?\d+)/, '"quantity":$1,,')
      return rawRecord(DEMO_TOPIC.inventory, product.sku, text, ts, 'StockUpdated', rng.uuid())
    }
    if (kind === 'quantity-not-a-number') event.quantity = rng.pick(['twelve', 'N/A', '1O'])
    if (kind === 'bad-timestamp') event.occurredAt = rng.pick(['yesterday', '31/12/2024 23:59', ''])
  }
  return record(DEMO_TOPIC.inventory, product.sku, event, ts, 'StockUpdated', 'inventory-service', rng.uuid())
}

export function shipmentDispatched(state: EventState, ts: number): DemoRecord {
  const { rng } = state
  const order = rng.pick(state.paidOrders.length > 0 ? state.paidOrders : [fallbackOrder(rng)])
  const carrier = rng.pick(Object.keys(CARRIERS) as (keyof typeof CARRIERS)[])
  const shipment = {
    eventId: rng.uuid(),
    eventType: 'ShipmentDispatched',
    occurredAt: new Date(ts).toISOString(),
    shipmentId: `shp_${rng.code(10)}`,
    orderId: order.orderId,
    customerId: order.customerId,
    carrier,
    service: rng.pick(CARRIERS[carrier]),
    trackingNumber: `${carrier.slice(0, 2).toUpperCase()}${rng.int(100000000, 999999999)}DE`,
    warehouse: rng.pick(WAREHOUSES),
    parcels: Array.from({ length: rng.chance(0.85) ? 1 : 2 }, (_, i) => ({
      parcelId: i + 1,
      weightKg: rng.float(0.2, 25, 1),
      dimensionsCm: { length: rng.int(15, 120), width: rng.int(10, 60), height: rng.int(5, 50) },
    })),
    estimatedDelivery: new Date(ts + rng.int(1, 5) * 86_400_000).toISOString().slice(0, 10),
    destination: rng.pick(CITIES),
  }
  return record(
    DEMO_TOPIC.shipping,
    shipment.shipmentId,
    shipment,
    ts,
    'ShipmentDispatched',
    'shipping-service',
    order.correlationId,
  )
}

export function profileUpdated(state: EventState, ts: number): DemoRecord {
  const { rng } = state
  const customerId = customerIdOf(rng.int(1, CUSTOMER_POOL))
  // Roughly 1 in 100 updates is an erasure request: a tombstone the compacted topic eventually drops.
  if (rng.chance(0.01)) {
    return {
      topic: DEMO_TOPIC.customers,
      key: customerId,
      value: null,
      timestamp: ts,
      headers: headersOf('CustomerDeleted', 'customer-service', rng.uuid()),
    }
  }
  const { firstName, lastName } = customerNameOf(customerId)
  const profile = {
    eventId: rng.uuid(),
    eventType: 'CustomerProfileUpdated',
    occurredAt: new Date(ts).toISOString(),
    customerId,
    email: `${firstName}.${lastName}@example.com`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, ''),
    firstName,
    lastName,
    tier: rng.weighted({ bronze: 55, silver: 30, gold: 12, platinum: 3 }),
    locale: rng.pick(['de-DE', 'en-GB', 'nl-NL', 'pl-PL', 'es-ES', 'sv-SE', 'en-US']),
    marketingOptIn: rng.chance(0.4),
    address: addressOf(rng, { firstName, lastName }),
    changedFields: rng.pick([['email'], ['address'], ['tier'], ['marketingOptIn'], ['address', 'locale']]),
  }
  return record(DEMO_TOPIC.customers, customerId, profile, ts, 'CustomerProfileUpdated', 'customer-service', rng.uuid())
}

export function clickstreamEvent(state: EventState, ts: number): DemoRecord {
  const { rng } = state
  // Sessions live for a while, so one key shows a short browsing journey.
  if (state.sessions.length === 0 || rng.chance(0.2)) remember(state.sessions, `ses_${rng.code(14)}`, 50)
  const sessionId = rng.pick(state.sessions)
  const action = rng.weighted({ PageViewed: 60, ProductClicked: 20, AddedToCart: 8, SearchPerformed: 12 })
  const click = {
    eventId: rng.uuid(),
    eventType: action,
    occurredAt: new Date(ts).toISOString(),
    sessionId,
    customerId: rng.chance(0.45) ? customerIdOf(rng.int(1, CUSTOMER_POOL)) : null,
    page: rng.pick(PAGES),
    referrer: rng.pick([null, 'https://www.google.com/', 'https://newsletter.example.com/']),
    userAgent: rng.pick(USER_AGENTS),
    viewport: rng.pick(['390x844', '1440x900', '1920x1080']),
    query:
      action === 'SearchPerformed' ? rng.pick(['usb c hub', 'monitor 4k', 'ergonomic chair', 'webcam']) : undefined,
  }
  return record(DEMO_TOPIC.clickstream, sessionId, click, ts, action, 'web-frontend', rng.uuid())
}

function record(
  topic: SourceTopic,
  key: string,
  value: unknown,
  ts: number,
  eventType: string,
  sourceService: string,
  correlationId: string,
): DemoRecord {
  return {
    topic,
    key,
    value: JSON.stringify(value),
    timestamp: ts,
    headers: headersOf(eventType, sourceService, correlationId),
  }
}

/** A record whose value is not valid JSON (a truncated or corrupted payload from a buggy producer). */
function rawRecord(
  topic: SourceTopic,
  key: string,
  text: string,
  ts: number,
  eventType: string,
  correlationId: string,
): DemoRecord {
  const service = topic === DEMO_TOPIC.payments ? 'payment-service' : 'inventory-service'
  return { topic, key, value: text, timestamp: ts, headers: headersOf(eventType, service, correlationId) }
}

function headersOf(eventType: string, sourceService: string, correlationId: string): Record<string, string> {
  return {
    'correlation-id': correlationId,
    'event-type': eventType,
    'content-type': 'application/json',
    'source-service': sourceService,
  }
}

function remember<T>(list: T[], item: T, max = 200): void {
  list.push(item)
  if (list.length > max) list.shift()
}

function fallbackOrder(rng: Rng): OrderRef {
  return {
    orderId: `ord_${rng.code(10)}`,
    customerId: customerIdOf(rng.int(1, CUSTOMER_POOL)),
    total: rng.float(10, 500),
    currency: 'EUR',
    correlationId: rng.uuid(),
  }
}

function customerIdOf(n: number): string {
  return `cus_${String(10_000 + n)}`
}

/** A stable name per customer id, so a compacted profile keeps the same person across updates. */
function customerNameOf(customerId: string): { firstName: string; lastName: string } {
  const n = Number(customerId.slice(4))
  return { firstName: FIRST_NAMES[n % FIRST_NAMES.length]!, lastName: LAST_NAMES[(n * 7) % LAST_NAMES.length]! }
}

function addressOf(rng: Rng, person: { firstName: string; lastName: string }) {
  const place = rng.pick(CITIES)
  return { name: `${person.firstName} ${person.lastName}`, street: `${rng.pick(STREETS)} ${rng.int(1, 180)}`, ...place }
}

function money(n: number): number {
  return Math.round(n * 100) / 100
}
