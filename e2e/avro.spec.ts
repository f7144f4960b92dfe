import { expect, type Page, test } from '@playwright/test'

// The demo workload registers this topic's Avro schema in the real registry the global setup starts, and writes
// Confluent-framed records; the "demo" cluster is configured with that registry.
const TOPIC = 'payments.payment-authorized.avro'
const rowsOf = (page: Page) => page.locator('[data-testid^="message-row-"]')

test.describe('Avro through the Schema Registry', () => {
  test('messages decode to their fields, with the schema named on the value', async ({ page }) => {
    await page.goto(`/clusters/demo/topics/${TOPIC}?tab=messages&from=oldest&dir=forward&limit=50`)
    const rows = rowsOf(page)
    await expect(rows.first()).toBeVisible({ timeout: 30_000 })
    // The row preview is the decoded record, not base64 of the framed bytes.
    await expect(rows.first()).toContainText('"paymentId"')
    const texts = await rows.allInnerTexts()
    // Currencies are mixed, so the filter below has something to remove.
    expect(texts.some((t) => !t.includes('"currency":"EUR"'))).toBe(true)
    await rows.first().click()
    const detail = page.getByTestId('message-detail')
    await expect(detail).toContainText('"paymentId"')
    await expect(detail).toContainText('"method"')
    await expect(detail.getByText(/avro · schema \d+/)).toBeVisible()
    await expect(detail).toContainText(`${TOPIC}-value`)
  })

  test('a CEL filter on a decoded field returns only matching records', async ({ page }) => {
    const cel = encodeURIComponent('value.currency == "EUR"')
    await page.goto(`/clusters/demo/topics/${TOPIC}?tab=messages&from=oldest&dir=forward&limit=30&cel=${cel}`)
    const rows = rowsOf(page)
    await expect(rows.first()).toBeVisible({ timeout: 30_000 })
    await expect(page.getByTestId('scan-progress')).toContainText(/scanned/i)
    const texts = await rows.allInnerTexts()
    expect(texts.length).toBeGreaterThan(0)
    for (const text of texts) expect(text).toContain('"currency":"EUR"')
  })
})
