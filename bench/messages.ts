import { execFileSync } from 'node:child_process'
import { parseArgs } from 'node:util'
import { Kafka, logLevel } from 'kafkajs'
import { replaceConfig } from '@/lib/config'
import { FerryConfigSchema } from '@/lib/config/schema'
import { closeAllClients } from '@/lib/kafka/client'
import { scanMessages } from '@/lib/messages/scan/scan-messages'
import type { ScanRequest } from '@/lib/messages/types'
import { startKafka } from '../scripts/kafka/broker'
import { kafkaClasspath } from '../scripts/kafka/fetch-kafka'

// bench/messages: the message explorer's scan (Fetch, decode every record, evaluate the filter) over a whole topic
// (default 1,000,000 records of 200 B in 6 partitions, written by Kafka's ProducerPerformance), beside kcat and
// Kafka's ConsoleConsumer reading the same topic to /dev/null.
// Run: npm run bench:messages -- [--records 1000000] [--size 200] [--partitions 6]
async function main() {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '1000000' },
      size: { type: 'string', default: '200' },
      partitions: { type: 'string', default: '6' },
    },
  })
  const records = Number(values.records)
  const kafka = await startKafka({ port: 0, heap: '1g' })
  const topic = 'bench.messages'
  try {
    const brokers = kafka.bootstrap.split(',')
    const admin = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING }).admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: Number(values.partitions) }], waitForLeaders: true })
    await admin.disconnect()
    const cp = kafkaClasspath(kafka.libs)
    let t = performance.now()
    execFileSync(
      'java',
      [
        '-Xmx512m',
        '-cp',
        cp,
        'org.apache.kafka.tools.ProducerPerformance',
        '--topic',
        topic,
        '--num-records',
        String(records),
        '--record-size',
        values.size,
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
    console.log(`setup: produced ${records} × ${values.size} B in ${(performance.now() - t).toFixed(0)} ms`)

    replaceConfig({ source: 'bench', config: FerryConfigSchema.parse({ clusters: [{ id: 'bench', brokers }] }) })
    const request = (filter: ScanRequest['filter']): ScanRequest => ({
      start: { from: 'oldest' },
      direction: 'forward',
      limit: 10_000,
      maxScan: records,
      maxMs: 300_000,
      filter,
    })
    const ferry = async (filter: ScanRequest['filter']) => {
      const start = performance.now()
      let scanned = 0
      for await (const e of scanMessages('bench', topic, request(filter))) {
        if (e.type === 'progress' && e.progress.done) scanned = e.progress.scanned
      }
      if (scanned !== records) throw new Error(`scanned ${scanned} of ${records}`)
      return performance.now() - start
    }
    await ferry({ cel: 'false' }) // warm-up: JIT, pooled metadata connections
    const ferryCel = await ferry({ cel: 'value.size() < 0' })
    const ferryContains = await ferry({ contains: 'no such text in any record' })

    t = performance.now()
    execFileSync('/usr/bin/kcat', ['-C', '-b', brokers[0] ?? '', '-t', topic, '-e', '-o', 'beginning', '-q'], {
      stdio: 'ignore',
    })
    const kcat = performance.now() - t

    t = performance.now()
    execFileSync(
      'java',
      [
        '-Xmx512m',
        '-cp',
        cp,
        'org.apache.kafka.tools.consumer.ConsoleConsumer',
        '--bootstrap-server',
        brokers[0] ?? '',
        '--topic',
        topic,
        '--from-beginning',
        '--max-messages',
        String(records),
        '--timeout-ms',
        '20000',
      ],
      { stdio: 'ignore', maxBuffer: 1 << 30 },
    )
    const console_ = performance.now() - t

    const rate = (ms: number) => `${Math.round((records * 1000) / ms).toLocaleString('en')} msg/s`
    const line = (name: string, ms: number) =>
      `  ${name.padEnd(52)} ${ms.toFixed(0).padStart(6)} ms  ${rate(ms).padStart(16)}   ratio ${(ms / ferryCel).toFixed(2)}× (>1 = Ferry faster)`
    console.log(
      `\nReading ${records.toLocaleString('en')} records of ${values.size} B, ${values.partitions} partitions:`,
    )
    console.log(line('Ferry scan, CEL filter (decode + evaluate each)', ferryCel))
    console.log(line('Ferry scan, contains filter', ferryContains))
    console.log(line('kcat -C -e -o beginning -q (to /dev/null)', kcat))
    console.log(line('Kafka ConsoleConsumer (JVM start + group join)', console_))
  } finally {
    await closeAllClients()
    await kafka.stop()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
