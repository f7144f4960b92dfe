// No runtime imports: the produce dialog imports these as types.
import type { AuditStatus } from '@/lib/audit/types'

export type ProduceValueFormat = 'text' | 'json'

export type ProduceHeader = { key: string; value: string }

/** One record to write. `key`/`value` null means a null key (round-robin partition) / a null value (tombstone). */
export type ProduceRequest = {
  key?: string | null
  value: string | null
  valueFormat: ProduceValueFormat
  headers: ProduceHeader[]
  /** Absent: Kafka's default partitioner picks (murmur2 of the key, as the Java client does). */
  partition?: number
}

export type ProduceResult = {
  topic: string
  partition: number
  /** int64 as a decimal string. */
  offset: string
  /** Epoch ms: the time Ferry set, or the broker's time when the topic uses LogAppendTime. */
  timestamp: number
  timestampType: 'CreateTime' | 'LogAppendTime'
  audit: AuditStatus
}
