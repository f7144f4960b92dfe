import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, type Page, test } from '@playwright/test'
import bcrypt from 'bcryptjs'
import { Kafka, logLevel } from 'kafkajs'
import { springDeadLetter } from '../lib/dlq/replay/test-support/dead-letters'
import { DEMO_TOPIC } from '../scripts/demo/topics'
import { findFreePort, waitForPort } from '../scripts/kafka/free-port'

const TOPIC = DEMO_TOPIC.orders
// Dead letters of this file alone (dlq.spec replays and discards the demo's in parallel): exact counts and states.
const SOURCE = `roles-e2e-${Date.now().toString(36)}`
const DLT = `${SOURCE}.DLT`
const DEAD_LETTERS = 3

// Sign-in with a users file on a second console (the shared one runs without sign-in): redirects, roles hiding
// buttons, the server refusing what the role does not allow, an operator's replay in the audit trail, sign-out.

// One console for the whole file: the tests share it, in order.
test.describe.configure({ mode: 'serial' })

const PASSWORD = 'e2e-password-1'
let server: ChildProcess
let base: string

/** A source topic and its Spring-style DLT with DEAD_LETTERS pending dead letters, before the console first looks. */
async function seedDeadLetters() {
  const kafka = new Kafka({ brokers: [process.env.FERRY_E2E_BOOTSTRAP ?? ''], logLevel: logLevel.NOTHING })
  const admin = kafka.admin()
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
  await Promise.all([admin.connect(), producer.connect()])
  try {
    const topics = [SOURCE, DLT]
    // kafkajs' waitForLeaders trips over KRaft's metadata lag: poll for leaders instead (as test/test-cluster.ts does).
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 1 })), waitForLeaders: false })
    await expect
      .poll(
        () =>
          admin
            .fetchTopicMetadata({ topics })
            .then((m) => m.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)))
            .catch(() => false),
        { timeout: 30_000 },
      )
      .toBe(true)
    await producer.send({
      topic: DLT,
      messages: Array.from({ length: DEAD_LETTERS }, (_, i) =>
        springDeadLetter(SOURCE, 0, i, JSON.stringify({ paymentId: `p-${i}`, amount: 10 + i })),
      ),
    })
  } finally {
    await Promise.all([admin.disconnect(), producer.disconnect()])
  }
}

test.beforeAll(async () => {
  await seedDeadLetters()
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-e2e-auth-'))
  const hash = bcrypt.hashSync(PASSWORD, 4)
  const usersFile = path.join(dir, 'users.yaml')
  writeFileSync(
    usersFile,
    `users:\n  - { username: vera, passwordHash: '${hash}', roles: [viewer] }\n  - { username: ada, passwordHash: '${hash}', roles: [admin] }\n` +
      `  - { username: otto, passwordHash: '${hash}', roles: [operator] }\n`,
  )
  const configFile = path.join(dir, 'ferry.config.yaml')
  writeFileSync(
    configFile,
    [
      'clusters:',
      '  - id: demo',
      `    brokers: [${process.env.FERRY_E2E_BOOTSTRAP}]`,
      'lagSampling: { enabled: false }',
      'auth:',
      `  usersFile: ${usersFile}`,
      '',
    ].join('\n'),
  )
  const port = await findFreePort()
  server = spawn(
    process.execPath,
    [require.resolve('next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      env: {
        ...process.env,
        FERRY_CONFIG: configFile,
        FERRY_SESSION_SECRET: 'e2e-session-secret-of-at-least-32-chars',
        KAFKA_BROKERS: '',
        SCHEMA_REGISTRY_URL: '',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  )
  await waitForPort(port, 60_000, () => server.exitCode === null)
  base = `http://127.0.0.1:${port}`
})

test.afterAll(() => {
  server?.kill('SIGTERM')
})

async function signIn(page: Page, username: string, next = '/clusters/demo/topics') {
  await page.goto(`${base}${next}`)
  await expect(page).toHaveURL(/\/login\?next=/)
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(`${base}${next}`)
}

test('without a session, pages go to the login page and API calls get 401', async ({ page, request }) => {
  await page.goto(`${base}/clusters/demo/topics`)
  await expect(page).toHaveURL(`${base}/login?next=%2Fclusters%2Fdemo%2Ftopics`)
  const res = await request.get(`${base}/api/clusters/demo/topics`)
  expect(res.status()).toBe(401)
  expect((await res.json()).error.code).toBe('unauthorized')
  await page.getByLabel('Username').fill('vera')
  await page.getByLabel('Password').fill('wrong')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByTestId('login-error')).toHaveText('Wrong username or password')
})

test('a viewer sees no mutating buttons, and the server refuses them anyway', async ({ page }) => {
  await signIn(page, 'vera')
  await expect(page.getByTestId('session-indicator')).toContainText('vera (viewer)')
  await expect(page.getByTestId(`topic-row-${TOPIC}`)).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('create-topic-button')).toHaveCount(0)
  await page.goto(`${base}/clusters/demo/topics/${TOPIC}`)
  await expect(page.getByTestId('topic-detail-partitions')).toBeVisible({ timeout: 30_000 })
  await expect(page.getByTestId('produce-button')).toHaveCount(0)
  await expect(page.getByTestId('topic-actions')).toHaveCount(0)
  const res = await page.request.post(`${base}/api/clusters/demo/topics/${TOPIC}/produce`, {
    headers: { 'x-ferry-request': '1' },
    data: { value: 'x', valueFormat: 'text' },
  })
  expect(res.status()).toBe(403)
  expect((await res.json()).error.message).toBe(`vera may not produce messages on cluster "demo", topic "${TOPIC}".`)
})

test('a viewer reads dead letters but cannot replay them, not even by a request of their own', async ({ page }) => {
  await signIn(page, 'vera')
  await page.goto(`${base}/clusters/demo/dlq/messages?topic=${DLT}`)
  // The session has loaded (buttons are hidden while it loads too): their absence below is the role's doing.
  await expect(page.getByTestId('session-indicator')).toContainText('vera (viewer)')
  await expect(page.locator('[data-testid^="dead-letter-row-"]')).toHaveCount(DEAD_LETTERS, { timeout: 60_000 })
  await expect(page.getByTestId('dead-letter-count')).toContainText(`${DEAD_LETTERS} dead letters match`)
  await expect(page.getByTestId('dead-letter-status-0-0')).toHaveText('pending')
  await expect(page.getByTestId('dead-letter-replay')).toHaveCount(0)
  await expect(page.getByTestId('dead-letter-discard')).toHaveCount(0)
  await page.getByTestId('dead-letter-row-0-0').click()
  await expect(page.getByTestId('dead-letter-detail')).toBeVisible()
  await expect(page.getByTestId('dead-letter-detail-replay')).toHaveCount(0)
  await expect(page.getByTestId('dead-letter-detail-discard')).toHaveCount(0)

  // Forced from the page, as the console's own fetch would send it: the session cookie and the CSRF header.
  const forced = await page.evaluate(
    async (body) => {
      const res = await fetch('/api/clusters/demo/dlq/replay', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ferry-request': '1' },
        body: JSON.stringify(body),
      })
      return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } }
    },
    { dlqTopic: DLT, selection: { kind: 'records', records: [{ partition: 0, offset: '0' }] } },
  )
  expect(forced.status).toBe(403)
  expect(forced.body.error.code).toBe('forbidden')
  expect(forced.body.error.message).toBe(`vera may not replay dead letters on cluster "demo", topic "${DLT}".`)

  // Nothing was replayed: every dead letter is still pending, and nothing reached the source topic.
  const pending = await page.request.get(`${base}/api/clusters/demo/dlq/messages?topic=${DLT}&status=pending`)
  expect(pending.status()).toBe(200)
  expect((await pending.json()).totalMatching).toBe(DEAD_LETTERS)
  const source = await page.request.get(`${base}/api/clusters/demo/topics/${SOURCE}`)
  expect(source.status()).toBe(200)
  expect((await source.json()).messageCount).toBe('0')
})

test('an operator replays a dead letter after a dry run, and the audit viewer names them', async ({ page }) => {
  test.setTimeout(150_000)
  await signIn(page, 'otto')
  await expect(page.getByTestId('session-indicator')).toContainText('otto (operator)')
  await page.goto(`${base}/clusters/demo/dlq/messages?topic=${DLT}&status=pending`)
  await expect(page.getByTestId('dead-letter-row-0-1')).toBeVisible({ timeout: 60_000 })
  await expect(page.getByTestId('dead-letter-discard')).toBeVisible()
  await page.getByTestId('dead-letter-check-0-1').check()
  await page.getByTestId('dead-letter-replay').click()
  const dialog = page.getByTestId('replay-dialog')
  await expect(dialog.getByTestId('replay-confirm')).toBeDisabled()
  await dialog.getByTestId('replay-dry-run').click()
  await expect(dialog.getByTestId('replay-plan-summary')).toContainText(/1\s+of 1 dead letter would be sent/)
  await expect(dialog.getByTestId('replay-plan-targets')).toContainText(SOURCE)
  await dialog.getByTestId('replay-confirm').click()
  const job = dialog.getByTestId('replay-job')
  await expect(job).toHaveAttribute('data-state', 'completed', { timeout: 60_000 })
  await expect(dialog.getByTestId('replay-job-done')).toHaveText('1 / 1')
  const jobId = (await job.getAttribute('data-job-id')) ?? ''
  expect(jobId).not.toBe('')
  await dialog.getByTestId('replay-close').click()

  // Only that one changed: the viewer's refused request replayed nothing.
  await page.goto(`${base}/clusters/demo/dlq/messages?topic=${DLT}`)
  await expect(page.getByTestId('dead-letter-status-0-1')).toHaveText('replayed', { timeout: 30_000 })
  await expect(page.getByTestId('dead-letter-status-0-0')).toHaveText('pending')
  await expect(page.getByTestId('dead-letter-status-0-2')).toHaveText('pending')
  const source = await page.request.get(`${base}/api/clusters/demo/topics/${SOURCE}`)
  expect((await source.json()).messageCount).toBe('1')

  // The job's start and its end are both audited under the operator's name (the end is written once it finishes).
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`${base}/api/clusters/demo/audit?topic=${DLT}`)
        const entries = (await res.json()).entries as { actor: string; action: string; result: string }[]
        return entries.map((e) => `${e.actor} ${e.action} ${e.result}`)
      },
      { timeout: 30_000 },
    )
    .toEqual(['otto dlq.replay ok', 'otto dlq.replay ok'])

  // The audit viewer lists it, newest first, among everyone's entries.
  await page.goto(`${base}/clusters/demo/audit`)
  const started = page.getByTestId('audit-row').filter({ hasText: `Started replay job ${jobId}` })
  await expect(started).toBeVisible({ timeout: 30_000 })
  const cells = started.locator('td')
  await expect(cells.nth(1)).toHaveText('otto')
  await expect(cells.nth(2)).toHaveText('dlq.replay')
  await expect(cells.nth(3)).toHaveText(DLT)
  await expect(cells.nth(5)).toHaveText('ok')

  // Filtered by actor: exactly the operator's two entries of this job.
  await page.getByLabel('Actor').fill('otto')
  await page.getByTestId('audit-apply').click()
  await expect(page.getByTestId('audit-count')).toContainText('2 matching entries', { timeout: 30_000 })
  const rows = page.getByTestId('audit-row')
  await expect(rows).toHaveCount(2)
  for (const row of await rows.all()) {
    await expect(row.locator('td').nth(1)).toHaveText('otto')
    await expect(row).toContainText(jobId)
  }
  await expect(rows.filter({ hasText: `Replay job ${jobId} completed: 1 of 1 replayed, 0 refused` })).toHaveCount(1)

  // The CSV export carries the same filter: a header and those two lines.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export-csv').click()])
  expect(download.suggestedFilename()).toMatch(/^audit-demo-.*\.csv$/)
  const csv = readFileSync(await download.path(), 'utf8')
    .trimEnd()
    .split('\r\n')
  expect(csv).toHaveLength(3)
  expect(csv[0]).toMatch(/^at,actor,action,cluster/)
  for (const line of csv.slice(1)) {
    expect(line).toContain(`,otto,dlq.replay,demo,${DLT},,ok,`)
    expect(line).toContain(jobId)
  }

  // Signing out ends the session for the API too, not only for pages.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(`${base}/login`)
  expect((await page.request.get(`${base}/api/clusters/demo/audit`)).status()).toBe(401)
})

test('an admin sees the actions and signs out', async ({ page }) => {
  await signIn(page, 'ada')
  await expect(page.getByTestId('create-topic-button')).toBeVisible({ timeout: 30_000 })
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(`${base}/login`)
  await page.goto(`${base}/clusters/demo/topics`)
  await expect(page).toHaveURL(/\/login\?next=/)
})

test('the shared console without sign-in says it is local-only', async ({ page }) => {
  await page.goto('/clusters/demo/topics')
  await expect(page.getByTestId('session-indicator')).toHaveText('No sign-in — local access only')
})
