import { expect, test } from '@playwright/test'

test.describe('consumer groups of the live demo', () => {
  test('lists every group type with its true state: a classic and a KIP-848 group both Stable', async ({ page }) => {
    await page.goto('/clusters/demo/groups')
    // Kafka's own console consumer joins with group.protocol=consumer; a classic-only console would call it Dead.
    await expect(page.getByTestId('group-type-ledger-kip848')).toContainText(/consumer/i, { timeout: 30_000 })
    await expect(page.getByTestId('group-state-ledger-kip848')).toHaveText(/Stable/, { timeout: 30_000 })
    await expect(page.getByTestId('group-type-billing-service')).toContainText(/classic/i)
    await expect(page.getByTestId('group-state-billing-service')).toHaveText(/Stable/)
    await expect(page.getByTestId('group-type-notifications-share')).toContainText(/share/i)
    await expect(page.getByTestId('group-state-shipping-stopped')).toHaveText(/Empty/, { timeout: 30_000 })
    await page.screenshot({ path: 'docs/groups.png' })
  })

  test('the slow group has lag, and filtering by type narrows the list', async ({ page }) => {
    await page.goto('/clusters/demo/groups')
    await expect(page.getByTestId('group-lag-analytics-slow')).toHaveText(/[1-9]/, { timeout: 30_000 })
    await page.getByTestId('group-type-filter').selectOption('consumer')
    await expect(page.getByTestId('group-row-ledger-kip848')).toBeVisible()
    await expect(page.getByTestId('group-row-billing-service')).toHaveCount(0)
    await expect(page).toHaveURL(/type=consumer/)
  })

  test('a KIP-848 group detail shows its live member, described with its own API', async ({ page }) => {
    await page.goto('/clusters/demo/groups/ledger-kip848')
    await expect(page.getByTestId('group-detail-state')).toHaveText(/Stable/, { timeout: 30_000 })
    await expect(page.getByTestId('group-detail-type')).toContainText(/consumer/i)
    await expect(page.getByText(/ConsumerGroupDescribe/)).toBeVisible()
    await expect(page.getByTestId('member-row-0')).toBeVisible()
    await expect(page.getByTestId('partition-row-payments.payment-processed-0')).toBeVisible()
    await page.screenshot({ path: 'docs/group-detail.png', fullPage: true })
  })

  test('the slow demo group is judged WARNING with its reason, and its lag chart moves', async ({ page }) => {
    test.setTimeout(180_000)
    await page.goto('/clusters/demo/groups/analytics-slow')
    // The sampler takes a sample every 5 s; five samples make a window.
    await expect(page.getByTestId('group-verdict')).toHaveAttribute('data-verdict', 'WARNING', { timeout: 120_000 })
    await expect(page.getByTestId('group-verdict-reason')).toContainText(
      /orders\.order-created partition \d+: lag keeps growing/,
    )
    const points = page.getByTestId('lag-history-points')
    await expect(points).toHaveText(/^[1-9]\d*$/, { timeout: 30_000 })
    const before = Number(await points.innerText())
    await expect.poll(async () => Number(await points.innerText()), { timeout: 60_000 }).toBeGreaterThan(before)
    await expect(page.getByTestId('lag-history-chart')).toBeVisible()
    await page.screenshot({ path: 'docs/group-lag.png', fullPage: true })
  })

  test('the groups list judges each group: the stopped demo group is STOPPED, with its reason', async ({ page }) => {
    await page.goto('/clusters/demo/groups?verdict=STOPPED')
    const stopped = page.getByTestId('group-verdict-shipping-stopped')
    await expect(stopped).toHaveText(/Stopped/, { timeout: 60_000 })
    await expect(stopped).toHaveAttribute('title', /has no members/)
    await expect(page.getByTestId('group-row-billing-service')).toHaveCount(0)
  })

  test('resetting offsets: refused with members, previewed then applied on an empty group', async ({ page }) => {
    await page.goto('/clusters/demo/groups/billing-service')
    await page.getByTestId('reset-offsets-button').click()
    await page.getByTestId('reset-preview-button').click()
    await expect(page.getByTestId('reset-blocked-reason')).toContainText(/member/i)
    await expect(page.getByTestId('reset-execute-button')).toBeDisabled()

    await page.goto('/clusters/demo/groups/legacy-reporting')
    await expect(page.getByTestId('group-detail-state')).toHaveText(/Empty/)
    await page.getByTestId('reset-offsets-button').click()
    await page.getByTestId('reset-mode').selectOption('latest')
    await page.getByTestId('reset-preview-button').click()
    const row = page.locator('[data-testid^="reset-preview-row-inventory.stock-updated-"]').first()
    await expect(row).toBeVisible()
    await expect(page.getByTestId('reset-execute-button')).toBeDisabled()
    await page.getByTestId('reset-confirm-input').fill('legacy-reporting')
    await page.getByTestId('reset-execute-button').click()
    await expect(page.getByTestId('reset-result')).toBeVisible()
    await expect(page.getByTestId('audit-status')).toHaveAttribute('data-recorded', 'true')
    await page.keyboard.press('Escape')
    // Reset to the end: the group's lag drops to (nearly) nothing, new records keep arriving.
    await expect
      .poll(async () => Number((await page.getByTestId('group-detail-lag').innerText()).replace(/,/g, '')), {
        timeout: 30_000,
      })
      .toBeLessThan(100)
  })

  test('an unknown group gets a clear not-found error', async ({ page }) => {
    await page.goto('/clusters/demo/groups/no-such-group')
    await expect(page.getByTestId('error-state')).toContainText(/not found/i, { timeout: 30_000 })
  })
})
