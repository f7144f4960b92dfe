import { expect, type Page, test } from '@playwright/test'

// The demo's fraud detector dead-letters failed records in three styles (scripts/demo/dead-letters.ts).
const SPRING_DLT = 'payments.payment-processed.DLT'
const CONNECT_DLQ = 'dlq-inventory-connector'
const ENVELOPE_DLQ = 'orders.order-created.dlq'

/** The partition and offset of the first pending dead letter listed. */
async function firstRow(page: Page): Promise<{ partition: number; offset: string }> {
  const row = page.locator('[data-testid^="dead-letter-row-"]').first()
  await expect(row).toBeVisible({ timeout: 60_000 })
  const id = (await row.getAttribute('data-testid')) ?? ''
  const [, partition = '', offset = ''] = /^dead-letter-row-(\d+)-(\d+)$/.exec(id) ?? []
  return { partition: Number(partition), offset }
}

/** Checks the first listed row of a DLQ topic, scrolling the (virtualized) list down until one is rendered. */
async function pickRowOf(page: Page, topic: string): Promise<void> {
  const row = page.locator(`[data-testid^="dead-letter-row-"][data-topic="${topic}"]`).first()
  for (let i = 0; i < 40 && (await row.count()) === 0; i++) {
    await page.locator('[data-testid^="dead-letter-row-"]').last().scrollIntoViewIfNeeded()
    await page.mouse.wheel(0, 600)
    const more = page.getByRole('button', { name: 'Load more' })
    if (await more.isVisible()) await more.click()
    await page.waitForTimeout(100)
  }
  await expect(row).toBeVisible({ timeout: 10_000 })
  await row.locator('input[type="checkbox"]').check()
}

test.describe('dead letters of the live demo', () => {
  test('the dashboard finds the three demo DLQs and groups their errors by type', async ({ page }) => {
    test.setTimeout(120_000)
    await page.goto('/clusters/demo/dlq')
    for (const topic of [SPRING_DLT, CONNECT_DLQ, ENVELOPE_DLQ])
      await expect(page.getByTestId(`dlq-topic-row-${topic}`)).toBeVisible({ timeout: 90_000 })
    await expect(page.getByTestId(`dlq-topic-row-${SPRING_DLT}`)).toContainText('payments.payment-processed')
    await expect(page.getByTestId('dlq-by-error').locator('tbody tr').first()).toContainText(
      /[A-Za-z]+(Exception|Error)/,
    )
    await expect(page.getByTestId('dlq-total-pending')).toContainText(/[1-9]/)
    await expect(page.getByTestId('dlq-trend')).toBeVisible()
    await page.screenshot({ path: 'docs/dlq-dashboard.png', fullPage: true })

    // A DLQ's row opens the explorer filtered to it.
    await page.getByTestId(`dlq-topic-row-${SPRING_DLT}`).getByRole('link', { name: SPRING_DLT }).click()
    await expect(page).toHaveURL(/\/dlq\/messages\?topic=payments\.payment-processed\.DLT/)
    await firstRow(page)
    await expect(page.getByTestId('dlq-filter-topic')).toHaveValue(SPRING_DLT)
  })

  test('an invalid CEL expression is explained under the field', async ({ page }) => {
    await page.goto(`/clusters/demo/dlq/messages?topic=${SPRING_DLT}`)
    await page.getByTestId('dlq-filter-cel').fill('dlq.attempts >')
    await page.getByTestId('dlq-filter-apply').click()
    await expect(page.getByTestId('dlq-filter-cel-error')).toBeVisible({ timeout: 30_000 })
  })

  test('a custom time range filters on when the dead letters failed; a reversed one is refused', async ({ page }) => {
    await page.goto(`/clusters/demo/dlq/messages?topic=${SPRING_DLT}`)
    await firstRow(page)
    await page.getByTestId('dlq-filter-range').selectOption('custom')
    const local = (ms: number) => {
      const d = new Date(ms)
      const pad = (n: number) => String(n).padStart(2, '0')
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
    }
    // To before from: explained, not applied.
    await page.getByTestId('dlq-filter-from').fill(local(Date.now() - 3_600_000))
    await page.getByTestId('dlq-filter-to').fill(local(Date.now() - 7_200_000))
    await expect(page.getByTestId('dlq-filter-range-error')).toBeVisible()
    await expect(page.getByTestId('dlq-filter-apply')).toBeDisabled()
    // A range that ended a year ago: nothing failed then.
    await page.getByTestId('dlq-filter-from').fill(local(Date.now() - 2 * 365 * 86_400_000))
    await page.getByTestId('dlq-filter-to').fill(local(Date.now() - 365 * 86_400_000))
    await page.getByTestId('dlq-filter-apply').click()
    await expect(page).toHaveURL(/to=/)
    await expect(page.getByTestId('empty-state')).toBeVisible({ timeout: 30_000 })
    // Up to now: the dead letters are back.
    await page.getByTestId('dlq-filter-to').fill(local(Date.now() + 3_600_000))
    await page.getByTestId('dlq-filter-apply').click()
    await firstRow(page)
  })

  test('a dead letter is read, dry-run, replayed, counted as outflow and consumed downstream', async ({ page }) => {
    test.setTimeout(180_000)
    await page.goto(`/clusters/demo/dlq/messages?topic=${SPRING_DLT}&status=pending`)
    const { partition, offset } = await firstRow(page)

    // The detail: why it failed, with Spring's stack trace and the original record's position.
    await page.getByTestId(`dead-letter-row-${partition}-${offset}`).click()
    const detail = page.getByTestId('dead-letter-detail')
    await expect(detail.getByTestId('dead-letter-error')).toContainText(/Exception/)
    await expect(detail.getByTestId('dead-letter-stack')).toContainText(/\tat |at [a-z]/)
    await expect(detail.getByTestId('dead-letter-source-link')).toContainText('payments.payment-processed')
    await page.screenshot({ path: 'docs/dlq-detail.png' })
    await detail.getByRole('button', { name: 'Close' }).click()

    await page.getByTestId(`dead-letter-check-${partition}-${offset}`).check()
    await page.getByTestId('dead-letter-replay').click()
    const dialog = page.getByTestId('replay-dialog')
    // No replay before the dry run has been looked at.
    await expect(dialog.getByTestId('replay-confirm')).toBeDisabled()
    await dialog.getByTestId('replay-dry-run').click()
    await expect(dialog.getByTestId('replay-plan-summary')).toContainText(/1\s+of 1 dead letter would be sent/)
    await expect(dialog.getByTestId('replay-plan-targets')).toContainText('payments.payment-processed')
    await dialog.getByTestId('replay-confirm').click()

    const job = dialog.getByTestId('replay-job')
    await expect(job).toHaveAttribute('data-state', 'completed', { timeout: 60_000 })
    await expect(dialog.getByTestId('replay-job-done')).toHaveText('1 / 1')
    await expect(dialog.getByTestId('audit-status')).toBeVisible()
    const jobId = (await job.getAttribute('data-job-id')) ?? ''
    const target = (await dialog.getByTestId('replay-job-target-0').innerText()).trim()
    const [, targetTopic = '', targetPartition = '', lastOffset = ''] =
      /to (\S+) partition (\d+) \(last offset (\d+)\)/.exec(target) ?? []
    expect(targetTopic).toBe('payments.payment-processed')
    await page.screenshot({ path: 'docs/dlq-replay.png' })
    await dialog.getByTestId('replay-close').click()

    // Its status is now replayed (the explorer was filtered on pending: show all).
    await page.goto(`/clusters/demo/dlq/messages?topic=${SPRING_DLT}`)
    await expect(page.getByTestId(`dead-letter-status-${partition}-${offset}`)).toHaveText('replayed', {
      timeout: 30_000,
    })

    // The dashboard counts it as outflow, and lists the job.
    await page.goto('/clusters/demo/dlq')
    await expect
      .poll(
        async () => Number((await page.getByTestId(`dlq-topic-outflow-${SPRING_DLT}`).innerText()).replace(/,/g, '')),
        {
          timeout: 60_000,
        },
      )
      .toBeGreaterThanOrEqual(1)
    await expect(page.getByTestId(`replay-job-row-${jobId}`)).toContainText('completed')

    // Consumed downstream: the copy is in the source topic, carrying Ferry's provenance headers.
    await page.goto(
      `/clusters/demo/topics/${targetTopic}?tab=messages&partitions=${targetPartition}&from=offset&startOffset=${lastOffset}&partition=${targetPartition}&offset=${lastOffset}`,
    )
    const copy = page.getByTestId('message-detail')
    await expect(copy).toContainText('ferry-replay-id', { timeout: 30_000 })
    await expect(copy).toContainText(jobId)
  })

  test('dead letters of two DLQ topics are replayed together: a plan and a job for each', async ({ page }) => {
    test.setTimeout(180_000)
    // Unfiltered: one pending row of each topic.
    await page.goto('/clusters/demo/dlq/messages?status=pending')
    await firstRow(page)
    for (const topic of [SPRING_DLT, ENVELOPE_DLQ]) await pickRowOf(page, topic)
    await expect(page.getByTestId('dead-letter-selected')).toContainText('2 selected in 2 DLQ topics')
    await page.getByTestId('dead-letter-replay').click()
    const dialog = page.getByTestId('replay-dialog')
    await dialog.getByTestId('replay-dry-run').click()
    await expect(dialog.getByTestId('replay-plans-summary')).toContainText(
      'Dry run of 2 dead-letter topics: 2 would be sent',
    )
    for (const topic of [SPRING_DLT, ENVELOPE_DLQ])
      await expect(dialog.getByTestId(`replay-plan-of-${topic}`)).toContainText('1 of 1 dead letter would be sent')
    await dialog.getByTestId('replay-confirm').click()
    const jobs = dialog.getByTestId('replay-job')
    await expect(jobs).toHaveCount(2, { timeout: 30_000 })
    for (const i of [0, 1]) await expect(jobs.nth(i)).toHaveAttribute('data-state', 'completed', { timeout: 60_000 })
  })

  test('discarding two dead letters needs a reason and the typed word', async ({ page }) => {
    test.setTimeout(120_000)
    await page.goto(`/clusters/demo/dlq/messages?topic=${CONNECT_DLQ}&status=pending`)
    await firstRow(page)
    const rows = page.locator('[data-testid^="dead-letter-row-"]')
    const ids = [await rows.nth(0).getAttribute('data-testid'), await rows.nth(1).getAttribute('data-testid')]
    const keys = ids.map((id) => (id ?? '').replace('dead-letter-row-', ''))
    for (const key of keys) await page.getByTestId(`dead-letter-check-${key}`).check()
    await page.getByTestId('dead-letter-discard').click()
    const dialog = page.getByTestId('discard-dialog')
    const confirm = dialog.getByTestId('discard-confirm')
    await expect(confirm).toHaveText('Discard 2')
    await dialog.getByTestId('discard-reason').fill('Known bad timestamps from the legacy feed')
    await expect(confirm).toBeDisabled()
    await dialog.getByTestId('discard-confirm-input').fill('discard')
    await confirm.click()
    await expect(dialog.getByTestId('discard-result')).toContainText('Discarded 2 dead letters')
    await expect(dialog.getByTestId('audit-status')).toBeVisible()
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click()
    await page.goto(`/clusters/demo/dlq/messages?topic=${CONNECT_DLQ}&status=discarded`)
    for (const key of keys)
      await expect(page.getByTestId(`dead-letter-status-${key}`)).toHaveText('discarded', { timeout: 30_000 })
  })
})
