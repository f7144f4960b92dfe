import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'

const TOPIC = 'orders.order-created'
const LIMIT = 25

test.describe('message export on the live demo broker', () => {
  test('exports the current results as NDJSON and CSV, and a full scan', async ({ page }) => {
    await page.goto(`/clusters/demo/topics/${TOPIC}?tab=messages&from=oldest&dir=forward&limit=${LIMIT}`)
    await expect(page.locator('[data-testid^="message-row-"]').first()).toBeVisible({ timeout: 30_000 })

    const [ndjson] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ndjson').click()])
    expect(ndjson.suggestedFilename()).toMatch(new RegExp(`^${TOPIC.replaceAll('.', '\\.')}-.+\\.ndjson$`))
    const lines = readFileSync(await ndjson.path(), 'utf8')
      .trimEnd()
      .split('\n')
    expect(lines).toHaveLength(LIMIT)
    const rows = lines.map((l) => JSON.parse(l))
    for (const r of rows) expect(r).toMatchObject({ partition: expect.any(Number), offset: expect.any(String) })
    // From the oldest, forward: each partition's offsets in order.
    for (const p of new Set(rows.map((r) => r.partition))) {
      const offsets = rows.filter((r) => r.partition === p).map((r) => Number(r.offset))
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b))
    }

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
    expect(csv.suggestedFilename()).toMatch(/\.csv$/)
    const text = readFileSync(await csv.path(), 'utf8')
    expect(
      text.startsWith('partition,offset,timestamp,time,timestampType,key,keyFormat,value,valueFormat,headers\r\n'),
    ).toBe(true)

    // A full scan is not held to the view's limit: the demo topic has more than LIMIT records by now.
    await page.getByTestId('export-full').click()
    await expect(page.getByTestId('export-full')).toHaveAttribute('aria-pressed', 'true')
    const [full] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ndjson').click()])
    const fullLines = readFileSync(await full.path(), 'utf8')
      .trimEnd()
      .split('\n')
    expect(fullLines.length).toBeGreaterThan(LIMIT)
    expect(() => fullLines.map((l) => JSON.parse(l))).not.toThrow()
  })
})
