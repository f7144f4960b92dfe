// Prints one closing line for `npm test` from the vitest and Playwright JSON reports: "tests: N passed, N failed".
import { existsSync, readFileSync } from 'node:fs'

const read = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null)
let passed = 0
let failed = 0
let skipped = 0
for (const f of [
  '.ferry/reports/unit.json',
  '.ferry/reports/integration.json',
  '.ferry/reports/integration-3.9.json',
]) {
  const r = read(f)
  if (!r) continue
  passed += r.numPassedTests
  failed += r.numFailedTests
  skipped += r.numPendingTests + (r.numTodoTests ?? 0)
}
const pw = read('.ferry/reports/e2e.json')
if (pw) {
  passed += pw.stats.expected + pw.stats.flaky
  failed += pw.stats.unexpected
  skipped += pw.stats.skipped
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
