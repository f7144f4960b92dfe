import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, type Page, test } from '@playwright/test'
import bcrypt from 'bcryptjs'
import { DEMO_TOPIC } from '../scripts/demo/topics'

const TOPIC = DEMO_TOPIC.orders

import { findFreePort, waitForPort } from '../scripts/kafka/free-port'

// Sign-in with a users file on a second console (the shared one runs without sign-in): redirects, roles hiding
// buttons, the server refusing what the role does not allow, sign-out.

// One console for the whole file: the tests share it, in order.
test.describe.configure({ mode: 'serial' })

const PASSWORD = 'e2e-password-1'
let server: ChildProcess
let base: string

test.beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-e2e-auth-'))
  const hash = bcrypt.hashSync(PASSWORD, 4)
  const usersFile = path.join(dir, 'users.yaml')
  writeFileSync(
    usersFile,
    `users:\n  - { username: vera, passwordHash: '${hash}', roles: [viewer] }\n  - { username: ada, passwordHash: '${hash}', roles: [admin] }\n`,
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
