// Runs one replay job in its own process (the kill-and-resume test SIGKILLs it mid-way).
// Env: FERRY_TEST_BOOTSTRAP, FERRY_TEST_REQUEST (a ReplayRequest as JSON). Prints {"jobId"} once started.
import { replaceConfig } from '@/lib/config'
import { FerryConfigSchema } from '@/lib/config/schema'
import type { ReplayRequest } from '../../api-types'
import { replay, replayJobSettled } from '../replay-service'

async function main() {
  const brokers = (process.env.FERRY_TEST_BOOTSTRAP ?? '').split(',')
  replaceConfig({ config: FerryConfigSchema.parse({ clusters: [{ id: 'test', brokers }] }), source: 'test' })
  const request = JSON.parse(process.env.FERRY_TEST_REQUEST ?? '{}') as ReplayRequest
  const started = await replay('test', request, 'child')
  if (!('job' in started)) throw new Error('expected a job')
  process.stdout.write(`${JSON.stringify({ jobId: started.job.id })}\n`)
  await replayJobSettled(started.job.id)
  process.exit(0)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
