import { expect, test } from '@playwright/test'

test.describe('cluster overview on the live demo broker', () => {
  test('shows the broker, the Kafka release and the demo topics', async ({ page }) => {
    await page.goto('/clusters/demo')
    await expect(page.getByTestId('stat-brokers')).toContainText('1')
    await expect(page.getByTestId('broker-row-1')).toContainText('127.0.0.1')
    await expect(page.getByTestId('kafka-version')).toContainText('4.3')
    await expect(page.getByTestId('stat-offline')).toContainText('0')
    // The demo creates a dozen topics; the count must come from the broker, not a placeholder.
    const topics = Number((await page.getByTestId('stat-topics').innerText()).match(/\d[\d,]*/)?.[0]?.replace(/,/g, ''))
    expect(topics).toBeGreaterThanOrEqual(8)
    await page.screenshot({ path: 'docs/overview.png' })
  })

  test('the root redirects to the first configured cluster', async ({ page }) => {
    await page.goto('/')
    await expect(page).toHaveURL(/\/clusters\/demo$/)
  })

  test('switching cluster keeps the section', async ({ page }) => {
    await page.goto('/clusters/demo/topics')
    await page.getByTestId('cluster-switcher').selectOption('offline')
    await expect(page).toHaveURL(/\/clusters\/offline\/topics/)
  })

  test('theme toggle switches between dark and light and remembers it', async ({ page }) => {
    await page.goto('/clusters/demo')
    const html = page.locator('html')
    const wasDark = (await html.getAttribute('class'))?.includes('dark') ?? false
    await page.getByTestId('theme-toggle').click()
    await expect(html).toHaveClass(wasDark ? /^(?!.*\bdark\b)/ : /\bdark\b/)
    await page.reload()
    await expect(html).toHaveClass(wasDark ? /^(?!.*\bdark\b)/ : /\bdark\b/)
  })
})

test.describe('a cluster whose broker is down', () => {
  test('the overview says the brokers cannot be reached and offers a retry', async ({ page }) => {
    await page.goto('/clusters/offline')
    const error = page.getByTestId('error-state')
    await expect(error).toBeVisible({ timeout: 30_000 })
    await expect(error).toContainText('Cannot reach the Kafka brokers')
    await expect(error.getByRole('button', { name: /retry/i })).toBeVisible()
    // The app shell stays usable: navigation still works.
    await expect(page.getByRole('link', { name: 'Topics' })).toBeVisible()
  })

  test('the topics page shows the same error, not an empty list', async ({ page }) => {
    await page.goto('/clusters/offline/topics')
    await expect(page.getByTestId('error-state')).toContainText('Cannot reach the Kafka brokers', { timeout: 30_000 })
    await expect(page.getByTestId('empty-state')).toHaveCount(0)
  })

  test('an unknown cluster id gets a clear not-found error', async ({ page }) => {
    const res = await page.request.get('/api/clusters/nope/overview')
    expect(res.status()).toBe(404)
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Unknown cluster "nope"' } })
  })
})
