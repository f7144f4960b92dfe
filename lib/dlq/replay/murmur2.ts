// Pure: Kafka's default partitioner for keyed records (Java's Utils.murmur2, toPositive, modulo partitions), so a
// replayed record keyed K lands where the Java client would put it.
import { murmur2 } from '@platformatic/kafka'

export function murmur2Partition(key: Buffer, partitions: number): number {
  return (murmur2(key) & 0x7fffffff) % partitions
}
