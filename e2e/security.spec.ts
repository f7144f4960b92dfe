import { expect, test } from '@playwright/test'

test.describe('security headers and the audit viewer', () => {
  test('pages carry the CSP and friends, and run without a CSP violation', async ({ page }) => {
    const violations: string[] = []
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(m.text())) violations.push(m.text())
    })
    const res = await page.goto('/clusters/demo')
    const headers = res?.headers() ?? {}
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(headers['content-security-policy']).toContain("script-src 'self'")
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['referrer-policy']).toBe('same-origin')
    expect(headers['permissions-policy']).toContain('camera=()')
    expect(headers['x-powered-by']).toBeUndefined()
    await expect(page.getByTestId('stat-brokers')).toContainText('1')
    // Client navigation and data fetching work under the policy.
    await page.getByRole('link', { name: 'Topics' }).first().click()
    await expect(page).toHaveURL(/\/clusters\/demo\/topics/)
    await page.getByRole('link', { name: 'Audit' }).first().click()
    await expect(page).toHaveURL(/\/clusters\/demo\/audit/)
    await expect(page.getByRole('heading', { name: 'Audit', level: 1 })).toBeVisible()
    expect(violations).toEqual([])
  })

  test('the audit viewer shows an entry with its params, filters and exports', async ({ page, request }) => {
    // Produce through Ferry's API: an audited action.
    const topic = 'orders.order-created'
    const marker = `audit-e2e-${Date.now()}`
    const produced = await request.post(`/api/clusters/demo/topics/${topic}/produce`, {
      data: { key: marker, value: JSON.stringify({ marker }), valueFormat: 'json' },
    })
    test.skip(!produced.ok(), `produce answered ${produced.status()}: ${await produced.text()}`)
    await page.goto('/clusters/demo/audit')
    await page.getByTestId('audit-search').fill(marker)
    await page.getByTestId('audit-apply').click()
    await expect(page.getByTestId('audit-count')).toContainText('1 matching entry')
    const row = page.getByTestId('audit-row').first()
    await expect(row).toContainText('topic.produce')
    // The time cell: the target cell holds links to the topic.
    await row.locator('td').first().click()
    await expect(page.getByTestId('audit-params')).toContainText(marker)
    const csv = await request.get((await page.getByTestId('audit-export-csv').getAttribute('href')) ?? '/missing')
    expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename="audit-demo-.*\.csv"$/)
    expect(await csv.text()).toContain('topic.produce')
  })

  test('the audit viewer says when the cluster cannot be reached', async ({ page }) => {
    await page.goto('/clusters/offline/audit')
    await expect(page.getByTestId('error-state')).toBeVisible()
  })
})
