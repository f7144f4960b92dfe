import { expect, test } from '@playwright/test'

// Create, produce to, purge and delete a topic through the UI, each confirmed and recorded in the audit trail.
test('an operator creates a topic, produces a message, purges and deletes it', async ({ page }) => {
  test.setTimeout(120_000)
  const topic = `e2e-admin-${Date.now()}`
  await page.goto('/clusters/demo/topics')
  await page.getByTestId('create-topic-button').click()
  await page.getByTestId('create-topic-name').fill(topic)
  await page.getByTestId('create-topic-partitions').fill('2')
  await page.getByTestId('create-topic-submit').click()
  await expect(page.getByTestId('topic-action-result')).toContainText(topic, { timeout: 30_000 })

  await page.goto(`/clusters/demo/topics/${topic}`)
  await expect(page.getByTestId('topic-detail-partitions')).toHaveText('2', { timeout: 30_000 })

  await page.getByTestId('produce-button').click()
  await page.getByTestId('produce-key').fill('order-42')
  await page.getByTestId('produce-value').fill('{"id": 42}')
  await page.getByTestId('produce-review').click()
  await page.getByTestId('produce-submit').click()
  await expect(page.getByTestId('produce-result')).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('produce-result-offset')).toHaveText('0')
  await expect(page.getByTestId('audit-status')).toHaveAttribute('data-recorded', 'true')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('topic-detail-messages')).toHaveText('1', { timeout: 30_000 })

  await page.getByTestId('topic-purge-button').click()
  await expect(page.getByTestId('topic-purge-row').first()).toBeVisible({ timeout: 30_000 })
  await page.getByTestId('action-confirm-input').fill(topic)
  await page.getByTestId('topic-purge-confirm').click()
  await expect(page.getByTestId('topic-action-result')).toBeVisible({ timeout: 30_000 })
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('topic-detail-messages')).toHaveText('0', { timeout: 30_000 })

  await page.getByTestId('topic-delete-button').click()
  await page.getByTestId('action-confirm-input').fill(topic)
  await page.getByTestId('topic-delete-confirm').click()
  await expect(page.getByTestId('topic-action-result')).toBeVisible({ timeout: 30_000 })
  await page.goto(`/clusters/demo/topics/${topic}`)
  await expect(page.getByTestId('error-state')).toContainText(/not found|does not exist/i, { timeout: 30_000 })
})
