import { expect, type Locator, test } from '@playwright/test'

// The demo producers write to this topic all the time, so a live tail started now sees rows within seconds.
const TOPIC = 'orders.order-created'

const rowsOf = async (status: Locator) => Number(await status.getAttribute('data-rows'))
const heldOf = async (status: Locator) =>
  Number((await status.getByTestId('tail-new-while-paused').getAttribute('data-count')) ?? '0')

test.describe('live tail on the demo broker', () => {
  test('rows arrive; pause keeps the rows and counts what arrives; resume shows it', async ({ page }) => {
    await page.goto(`/clusters/demo/topics/${TOPIC}?tab=messages`)
    await page.getByTestId('tail-toggle').click()
    const status = page.getByTestId('tail-status')
    await expect(status).toHaveAttribute('data-state', 'live')
    await expect.poll(() => rowsOf(status), { timeout: 15_000 }).toBeGreaterThan(0)
    await expect(page.locator('[data-testid^="message-row-"]').first()).toBeVisible()

    await page.getByTestId('tail-pause').click()
    await expect(status).toHaveAttribute('data-state', 'paused')
    const held = await rowsOf(status)
    await expect.poll(() => heldOf(status), { timeout: 15_000 }).toBeGreaterThanOrEqual(2)
    expect(await rowsOf(status)).toBe(held)
    const waiting = await heldOf(status)

    await page.getByTestId('tail-resume').click()
    await expect(status).toHaveAttribute('data-state', 'live')
    await expect(page.getByTestId('tail-new-while-paused')).toHaveCount(0)
    await expect.poll(() => rowsOf(status), { timeout: 15_000 }).toBeGreaterThanOrEqual(held + waiting)

    // Opening a row shows the same detail drawer as a scan.
    await page.locator('[data-testid^="message-row-"]').first().click()
    await expect(page.getByTestId('message-detail')).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('message-detail')).toHaveCount(0)

    await page.getByTestId('tail-toggle').click()
    await expect(page.getByTestId('tail-status')).toHaveCount(0)
    await expect(page.getByTestId('scan-progress')).toBeVisible()
  })

  test('the tail applies the CEL filter, and a bad expression is shown before streaming', async ({ page }) => {
    await page.goto(`/clusters/demo/topics/${TOPIC}?tab=messages`)
    await page.getByTestId('cel-input').fill('partition == 1')
    await page.getByTestId('tail-toggle').click()
    const status = page.getByTestId('tail-status')
    await expect.poll(() => rowsOf(status), { timeout: 20_000 }).toBeGreaterThan(0)
    const ids = await page
      .locator('[data-testid^="message-row-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
    expect(ids.length).toBeGreaterThan(0)
    for (const id of ids) expect(id).toMatch(/^message-row-1-\d+$/)

    await page.getByTestId('cel-input').fill('value.amount >')
    await page.getByRole('button', { name: 'Restart tail' }).click()
    await expect(page.getByTestId('cel-error')).toBeVisible()
    await expect(status).toHaveAttribute('data-state', 'error')
  })

  test('a message produced while tailing shows up, found by a filter on its key', async ({ page, request }) => {
    const key = `tail-e2e-${Date.now()}`
    await page.goto(`/clusters/demo/topics/${TOPIC}?tab=messages`)
    await page.getByTestId('cel-input').fill(`key == "${key}"`)
    await page.getByTestId('tail-toggle').click()
    await expect(page.getByTestId('tail-status')).toHaveAttribute('data-state', 'live')
    // Produced through Ferry's own API, as the produce dialog does.
    const res = await request.post(`/api/clusters/demo/topics/${TOPIC}/produce`, {
      data: { key, value: '{"probe": true}', valueFormat: 'json', headers: [] },
    })
    expect(res.status()).toBe(200)
    const { partition, offset } = (await res.json()) as { partition: number; offset: string }
    await expect(page.getByTestId(`message-row-${partition}-${offset}`)).toBeVisible({ timeout: 15_000 })
    await expect(page.locator('[data-testid^="message-row-"]')).toHaveCount(1)
  })
})
