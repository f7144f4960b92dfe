// `npx tsx scripts/audit-deps.ts`: fails on high/critical advisories in production dependencies that are not in
// .ci/audit-allowlist.json. When the registry's audit endpoint cannot be used it says so loudly and passes, unless
// FERRY_AUDIT_REQUIRED=1 (then that is a failure too).
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { advisoryId, judgeAudit, parseAllowlist } from './audit/audit-report'

const root = path.resolve(__dirname, '..')
const allowlist = parseAllowlist(readFileSync(path.join(root, '.ci/audit-allowlist.json'), 'utf8'))
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const run = spawnSync(npm, ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 })
const verdict = judgeAudit(run.stdout ?? '', allowlist, new Date().toISOString().slice(0, 10))

if (verdict.kind === 'unavailable') {
  const required = process.env.FERRY_AUDIT_REQUIRED === '1'
  const bar = '!'.repeat(78)
  console.error(`${bar}\naudit-deps: THE DEPENDENCY AUDIT DID NOT RUN: ${verdict.reason}`)
  console.error(
    required
      ? 'audit-deps: FERRY_AUDIT_REQUIRED=1, so this fails the build.'
      : 'audit-deps: passing anyway (set FERRY_AUDIT_REQUIRED=1 to make this a failure).',
  )
  console.error(bar)
  process.exit(required ? 1 : 0)
}

for (const e of verdict.expired)
  console.warn(`audit-deps: allowlist entry ${e.id} (${e.package}) expired on ${e.expires}: no longer applied`)
for (const a of verdict.allowed)
  console.log(`audit-deps: allowed ${a.severity} ${advisoryId(a)} in ${a.name}: ${a.title}`)
if (verdict.failures.length > 0) {
  for (const a of verdict.failures)
    console.error(`audit-deps: ${a.severity} ${advisoryId(a)} in ${a.name} ${a.range ?? ''}: ${a.title} (${a.url})`)
  console.error(
    `audit-deps: ${verdict.failures.length} high/critical advisories in production dependencies. Upgrade, or add ` +
      'them to .ci/audit-allowlist.json with a reason and an expiry date.',
  )
  process.exit(1)
}
console.log('audit-deps: no high or critical advisories in production dependencies beyond the allowlist.')
