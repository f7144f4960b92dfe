import { DEMO_TOPIC } from './topics'

export type ProblemCode =
  | 'malformed-json'
  | 'missing-customer'
  | 'negative-quantity'
  | 'amount-mismatch'
  | 'negative-amount'
  | 'unsupported-currency'
  | 'missing-order-id'
  | 'quantity-not-a-number'
  | 'bad-timestamp'

/** Why a consumer rejects an event, in domain terms; dead-letters.ts turns it into each DLQ style's error shape. */
export type EventProblem = {
  code: ProblemCode
  message: string
  /** The parsed value, or null when the bytes are not JSON. */
  parsed: unknown
  /** Character offset of a JSON syntax error. */
  position?: number
}

const SUPPORTED_CURRENCIES = new Set(['EUR', 'USD', 'GBP', 'PLN', 'SEK'])
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

/** The first problem that makes `value` unprocessable for the fraud detector, or null for a good event. */
export function findEventProblem(topic: string, value: Buffer | null): EventProblem | null {
  if (value === null) return null
  const text = value.toString('utf8')
  let parsed: Record<string, unknown>
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    const position = Number(/position (\d+)/.exec((err as Error).message)?.[1] ?? text.length)
    return { code: 'malformed-json', message: (err as Error).message, parsed: null, position }
  }
  if (topic === DEMO_TOPIC.orders) return findOrderProblem(parsed)
  if (topic === DEMO_TOPIC.payments) return findPaymentProblem(parsed)
  if (topic === DEMO_TOPIC.inventory) return findStockProblem(parsed)
  return null
}

function findOrderProblem(order: Record<string, unknown>): EventProblem | null {
  if (typeof order.customerId !== 'string') {
    return { code: 'missing-customer', message: `Order ${order.orderId} has no customerId`, parsed: order }
  }
  const lines = Array.isArray(order.lineItems) ? (order.lineItems as { quantity: number; unitPrice: number }[]) : []
  const bad = lines.findIndex((l) => !Number.isInteger(l.quantity) || l.quantity <= 0)
  if (bad >= 0) {
    const message = `lineItems[${bad}].quantity must be a positive integer but was ${lines[bad]!.quantity}`
    return { code: 'negative-quantity', message, parsed: order }
  }
  const expected = Math.round(
    (lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0) * 1.19 + Number(order.shippingFee ?? 0)) * 100,
  )
  // Tax is rounded separately in the event, so allow a few cents of drift.
  if (Math.abs(expected - Math.round(Number(order.total) * 100)) > 3) {
    const message = `Order ${order.orderId} total ${order.total} ${order.currency} does not match its line items (${(expected / 100).toFixed(2)})`
    return { code: 'amount-mismatch', message, parsed: order }
  }
  return null
}

function findPaymentProblem(payment: Record<string, unknown>): EventProblem | null {
  if (payment.orderId === null || payment.orderId === undefined) {
    return { code: 'missing-order-id', message: `Payment ${payment.paymentId} has no orderId`, parsed: payment }
  }
  if (typeof payment.amount !== 'number' || payment.amount <= 0) {
    const message = `Payment amount must be positive but was ${payment.amount}`
    return { code: 'negative-amount', message, parsed: payment }
  }
  if (!SUPPORTED_CURRENCIES.has(String(payment.currency))) {
    return { code: 'unsupported-currency', message: `Unsupported currency: ${payment.currency}`, parsed: payment }
  }
  return null
}

function findStockProblem(stock: Record<string, unknown>): EventProblem | null {
  if (typeof stock.quantity !== 'number') {
    const message = `For input string: "${stock.quantity}"`
    return { code: 'quantity-not-a-number', message, parsed: stock }
  }
  if (typeof stock.occurredAt !== 'string' || !ISO_TIMESTAMP.test(stock.occurredAt)) {
    const message = `Could not parse timestamp: value (${stock.occurredAt}) does not match pattern (yyyy-MM-dd'T'HH:mm:ss.SSSX)`
    return { code: 'bad-timestamp', message, parsed: stock }
  }
  return null
}
