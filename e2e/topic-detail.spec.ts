import { expect, test } from '@playwright/test'

const TOPIC = 'orders.order-created'

test.describe('topic detail on the live demo broker', () => {
  test('partitions tab (default) shows every partition with its watermarks, leader and size', async ({ page }) => {
    await page.goto(`/clusters/demo/topics/${TOPIC}`)
    await expect(page.getByTestId('topic-detail-name')).toHaveText(TOPIC)
    await expect(page.getByTestId('topic-tab-partitions')).toHaveAttribute('aria-current', 'page')
    await expect(page.getByTestId('topic-detail-partitions')).toHaveText('6')
    const row = page.getByTestId('topic-partition-row-0')
    await expect(row).toBeVisible()
    await expect(page.getByTestId('topic-partition-row-5')).toBeVisible()
    // The demo producers keep writing: the high watermark of some partition is above 0.
    const highs = await page.getByTestId('partition-high').allInnerTexts()
    expect(highs).toHaveLength(6)
    expect(highs.some((h) => Number(h.replace(/[^\d]/g, '')) > 0)).toBe(true)
    await expect(row.getByTestId('partition-low')).toHaveText(/^\d[\d,]*$/)
    await expect(page.getByTestId('topic-detail-messages')).toHaveText(/[1-9]/)
    await expect(page.getByTestId('topic-broker-sizes')).toContainText(/B/)
  })

  test('configs tab shows retention.ms with its source, and filters by name and overrides', async ({ page }) => {
    await page.goto(`/clusters/demo/topics/${TOPIC}`)
    await page.getByTestId('topic-tab-configs').click()
    await expect(page).toHaveURL(/\?tab=configs/)
    const retention = page.getByTestId('topic-config-row-retention.ms')
    await expect(retention).toBeVisible()
    await expect(retention.getByTestId('topic-config-value')).toHaveText(/-?\d+/)
    await expect(retention.getByTestId('topic-config-source')).toBeVisible()
    await page.getByTestId('topic-config-search').fill('retention')
    await expect(page.getByTestId('topic-config-row-cleanup.policy')).toHaveCount(0)
    await expect(retention).toBeVisible()
    await page.getByTestId('topic-config-search').fill('')
    await page.getByTestId('topic-config-overrides-only').check()
    // Every row left is set on the topic itself.
    const rows = page.locator('[data-testid^="topic-config-row-"]')
    for (const override of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-override')))) {
      expect(override).toBe('true')
    }
  })

  test('consumers tab lists billing-service with its lag, linking to the group', async ({ page }) => {
    await page.goto(`/clusters/demo/topics/${TOPIC}?tab=consumers`)
    await expect(page.getByTestId('topic-tab-consumers')).toHaveAttribute('aria-current', 'page')
    const billing = page.getByTestId('topic-consumer-row-billing-service')
    await expect(billing).toBeVisible({ timeout: 30_000 })
    await expect(billing.getByTestId('topic-consumer-lag')).toHaveText(/^\d[\d,]*$/)
    await expect(billing.getByRole('link', { name: 'billing-service' })).toHaveAttribute(
      'href',
      '/clusters/demo/groups/billing-service',
    )
  })

  test('messages tab scans from the URL, filters with CEL server-side, and opens a message', async ({ page }) => {
    const cel = encodeURIComponent('headers["event-type"] == "OrderCreated" && partition == 0')
    await page.goto(`/clusters/demo/topics/${TOPIC}?tab=messages&from=oldest&dir=forward&limit=20&cel=${cel}`)
    const rows = page.locator('[data-testid^="message-row-"]')
    await expect(rows.first()).toBeVisible({ timeout: 30_000 })
    // Every row the server sent matches the filter: partition 0 only.
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''))
    expect(ids.length).toBeGreaterThan(0)
    expect(ids.every((id) => id.startsWith('message-row-0-'))).toBe(true)
    await expect(page.getByTestId('scan-progress')).toContainText(/scanned/i)
    await rows.first().click()
    await expect(page.getByTestId('message-detail')).toContainText('OrderCreated')
    await page.screenshot({ path: 'docs/messages.png' })
  })

  test('a CEL expression that does not compile is refused with its position, before any scan', async ({ page }) => {
    await page.goto(`/clusters/demo/topics/${TOPIC}?tab=messages&cel=${encodeURIComponent('value.amount >')}`)
    await expect(page.getByTestId('cel-error')).toBeVisible({ timeout: 30_000 })
    await expect(page.locator('[data-testid^="message-row-"]')).toHaveCount(0)
  })

  test('a permalink reopens one message; unknown topics say so', async ({ page }) => {
    await page.goto(`/clusters/demo/topics/${TOPIC}?tab=messages&partition=0&offset=0`)
    await expect(page.getByTestId('message-detail')).toBeVisible({ timeout: 30_000 })
    await page.goto('/clusters/demo/topics/no-such-topic-here')
    await expect(page.getByText('Topic not found')).toBeVisible()
  })
})
