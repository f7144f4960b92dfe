import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { Kafka, logLevel } from 'kafkajs'
import { GET as scanRoute } from '@/app/api/clusters/[clusterId]/topics/[topic]/messages/route'
import { replaceConfig } from '@/lib/config'
import { FerryConfigSchema } from '@/lib/config/schema'
import { closeAllClients } from '@/lib/kafka/client'
import { startKafka } from '../scripts/kafka/broker'
import { kafkaClasspath } from '../scripts/kafka/fetch-kafka'

// bench/scan: a topic of 1,000,000 JSON messages of about 1 KiB on 6 partitions (written once by Kafka's
// ProducerPerformance from a file of 1,000 distinct JSON payloads, one of them "platinum"), then, in the same run:
//   1. kcat -C -e -o beginning -q > /dev/null (the reference);
//   2. Ferry's server-side scan of the whole topic with a CEL filter matching 0.1% of the messages, through the
//      same path the UI uses (the route handler, Server-Sent Events, read to the last result);
// and prints messages/s for both, the ratio, the time to the first result and the server's RSS growth.
// Run: npm run bench:scan -- [--records 1000000] [--partitions 6]
const PAYLOADS = 1_000
const CEL = 'value.tier == "platinum"'

async function main() {
  const { values } = parseArgs({
    options: { records: { type: 'string', default: '1000000' }, partitions: { type: 'string', default: '6' } },
  })
  const records = Number(values.records)
  const kafka = await startKafka({ port: 0, heap: '1g' })
  const topic = 'bench.scan'
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-bench-scan-'))
  try {
    const brokers = kafka.bootstrap.split(',')
    const admin = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING }).admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: Number(values.partitions) }], waitForLeaders: true })
    await admin.disconnect()
    const payloadFile = path.join(dir, 'payloads.ndjson')
    writeFileSync(payloadFile, `${Array.from({ length: PAYLOADS }, (_, i) => payloadOf(i)).join('\n')}\n`)
    let t = performance.now()
    execFileSync(
      'java',
      [
        '-Xmx512m',
        '-cp',
        kafkaClasspath(kafka.libs),
        'org.apache.kafka.tools.ProducerPerformance',
        '--topic',
        topic,
        '--num-records',
        String(records),
        '--payload-file',
        payloadFile,
        '--throughput',
        '-1',
        '--producer-props',
        `bootstrap.servers=${brokers[0]}`,
        'acks=1',
        'linger.ms=20',
        'batch.size=262144',
      ],
      { stdio: 'ignore' },
    )
    console.log(
      `setup: produced ${records.toLocaleString('en')} JSON messages of ~1 KiB in ${ms(performance.now() - t)}`,
    )

    replaceConfig({ source: 'bench', config: FerryConfigSchema.parse({ clusters: [{ id: 'bench', brokers }] }) })
    await scanThroughRoute(topic, 'false', records) // warm-up: JIT, metadata, connections
    const ferry = await scanThroughRoute(topic, CEL, records)

    t = performance.now()
    execFileSync('/usr/bin/kcat', ['-C', '-b', brokers[0] ?? '', '-t', topic, '-e', '-o', 'beginning', '-q'], {
      stdio: 'ignore',
    })
    const kcatMs = performance.now() - t

    const rate = (elapsed: number) => (records * 1000) / elapsed
    const ratio = rate(ferry.ms) / rate(kcatMs)
    console.log(`\nReading ${records.toLocaleString('en')} JSON messages of ~1 KiB, ${values.partitions} partitions:`)
    console.log(
      `  kcat -C -e -o beginning -q > /dev/null          ${ms(kcatMs).padStart(9)}  ${perSecond(rate(kcatMs))}`,
    )
    console.log(
      `  Ferry scan via the route, CEL "${CEL}"  ${ms(ferry.ms).padStart(9)}  ${perSecond(rate(ferry.ms))}   ${ratio.toFixed(2)}× kcat`,
    )
    console.log(
      `  matched ${ferry.matched} (${((ferry.matched / records) * 100).toFixed(2)}%), scanned ${ferry.scanned}`,
    )
    console.log(
      `  time to first result ${ms(ferry.firstResultMs)}; server RSS growth during the scan ${mib(ferry.rssGrowth)}`,
    )
    const met = ratio >= 0.5 && ferry.firstResultMs < 1_000 && ferry.rssGrowth < 300 * 1024 * 1024
    console.log(`Target (≥ 0.5× kcat, first result < 1 s, RSS growth < 300 MB): ${met ? 'MET' : 'NOT MET'}`)
  } finally {
    await closeAllClients()
    await kafka.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A whole-topic scan through the route handler, read as the browser reads it (SSE), to the `done` event. */
async function scanThroughRoute(topic: string, cel: string, records: number) {
  const query = new URLSearchParams({ from: 'oldest', limit: '10000', maxScan: String(records), maxMs: '300000', cel })
  const req = new Request(`http://127.0.0.1/api/clusters/bench/topics/${topic}/messages?${query}`, {
    headers: { accept: 'text/event-stream' },
  })
  const rssBefore = process.memoryUsage().rss
  let rssMax = rssBefore
  const sampler = setInterval(() => {
    rssMax = Math.max(rssMax, process.memoryUsage().rss)
  }, 50)
  const started = performance.now()
  let firstResultMs = Number.NaN
  let matched = 0
  let scanned = 0
  try {
    const res = await scanRoute(req, { params: Promise.resolve({ clusterId: 'bench', topic }) })
    if (!res.body) throw new Error(`no stream (HTTP ${res.status})`)
    const decoder = new TextDecoder()
    let buffer = ''
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true })
      let end = buffer.indexOf('\n\n')
      while (end >= 0) {
        const [eventLine = '', dataLine = ''] = buffer.slice(0, end).split('\n')
        buffer = buffer.slice(end + 2)
        end = buffer.indexOf('\n\n')
        const event = eventLine.slice('event: '.length)
        const data = JSON.parse(dataLine.slice('data: '.length))
        if (event === 'message') {
          if (Number.isNaN(firstResultMs)) firstResultMs = performance.now() - started
          matched += (data as unknown[]).length
        } else if (event === 'done') scanned = data.scanned
        else if (event === 'error') throw new Error(data.error.message)
      }
    }
  } finally {
    clearInterval(sampler)
  }
  if (scanned !== records) throw new Error(`scanned ${scanned} of ${records}`)
  return { ms: performance.now() - started, firstResultMs, matched, scanned, rssGrowth: rssMax - rssBefore }
}

/** One JSON order of about 1 KiB; payload 0 of the 1,000 is the "platinum" one the filter looks for. */
function payloadOf(i: number): string {
  const order = {
    orderId: `ord_${String(i).padStart(6, '0')}`,
    customerId: `cus_${(i * 7919) % 100_000}`,
    tier: i === 0 ? 'platinum' : i % 3 === 0 ? 'gold' : 'standard',
    currency: ['EUR', 'USD', 'GBP'][i % 3],
    total: Math.round(((i * 37) % 10_000) * 1.07) / 100,
    items: Array.from({ length: 4 }, (_, k) => ({
      sku: `SKU-${(i + k) % 5000}`,
      qty: 1 + ((i + k) % 3),
      price: 9.99 + k,
    })),
    shipping: { street: `${i} Harbour Road`, city: 'Rotterdam', postcode: `30${String(i % 100).padStart(2, '0')} AB` },
    note: '',
  }
  const text = JSON.stringify(order)
  return JSON.stringify({ ...order, note: 'x'.repeat(Math.max(0, 1_000 - text.length)) })
}

const ms = (v: number) => `${v >= 10_000 ? (v / 1000).toFixed(1) : v.toFixed(0)} ${v >= 10_000 ? 's' : 'ms'}`
const perSecond = (v: number) => `${Math.round(v).toLocaleString('en')} msg/s`.padStart(14)
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
