import { expect, test } from '@playwright/test'

test.describe('topic list on the live demo broker', () => {
  test('lists the demo topics with partitions and a growing message count', async ({ page }) => {
    await page.goto('/clusters/demo/topics')
    const orders = page.getByTestId('topic-row-orders.order-created')
    await expect(orders).toBeVisible()
    await expect(orders).toContainText('6') // partitions
    const count = async () => {
      const text = await page
        .getByTestId('topic-row-payments.payment-processed')
        .getByTestId('topic-messages')
        .innerText()
      return Number(text.replace(/[^\d]/g, ''))
    }
    const first = await count()
    expect(first).toBeGreaterThan(0)
    // The demo producers keep writing: a reload a few seconds later shows more messages.
    await expect
      .poll(
        async () => {
          await page.reload()
          return count()
        },
        { timeout: 30_000, intervals: [2_000] },
      )
      .toBeGreaterThan(first)
  })

  test('search filters, the internal toggle reveals Kafka topics, and both live in the URL', async ({ page }) => {
    await page.goto('/clusters/demo/topics')
    await expect(page.getByTestId('topic-row-orders.order-created')).toBeVisible()
    await expect(page.getByTestId('topic-row-__consumer_offsets')).toHaveCount(0)

    await page.getByTestId('topic-search').fill('payments')
    await expect(page.getByTestId('topic-row-orders.order-created')).toHaveCount(0)
    await expect(page.getByTestId('topic-row-payments.payment-processed')).toBeVisible()
    await expect(page).toHaveURL(/q=payments/)

    await page.getByTestId('topic-search').fill('')
    await page.getByTestId('internal-toggle').check()
    await expect(page.getByTestId('topic-row-__consumer_offsets')).toBeVisible()
    await expect(page).toHaveURL(/internal=1/)

    // A shared URL reopens the same view.
    await page.goto('/clusters/demo/topics?q=DLT')
    await expect(page.getByTestId('topic-row-payments.payment-processed.DLT')).toBeVisible()
    await expect(page.getByTestId('topic-row-orders.order-created')).toHaveCount(0)
  })

  test('a search without matches says so', async ({ page }) => {
    await page.goto('/clusters/demo/topics?q=no-such-topic-anywhere')
    await expect(page.getByTestId('empty-state')).toContainText(/match/i)
  })
})
