/**
 * Header names as text without decoding per record: the dead letters of one DLQ carry the same names in the same
 * order, so the name last seen at a header index is compared byte by byte first; other names are interned by hash.
 */
const lastAt: { bytes: Buffer; text: string }[] = []
const names = new Map<number, { bytes: Buffer; text: string }[]>()
export function nameOf(buf: Buffer, start: number, length: number, index: number): string {
  const last = index < 64 ? lastAt[index] : undefined
  if (last && last.bytes.length === length) {
    const b = last.bytes
    let i = length - 1
    // From the end: names of one convention share their start (kafka_dlt-…).
    while (i >= 0 && b[i] === buf[start + i]) i--
    if (i < 0) return last.text
  }
  let h = length
  for (let i = 0; i < length; i++) h = (h * 31 + buf[start + i]!) | 0
  let list = names.get(h)
  let found: { bytes: Buffer; text: string } | undefined
  if (list) {
    for (const n of list) if (n.bytes.length === length && n.bytes.compare(buf, start, start + length) === 0) found = n
  } else {
    if (names.size > 4096) names.clear()
    list = []
    names.set(h, list)
  }
  if (!found) {
    const bytes = Buffer.from(buf.subarray(start, start + length)) // a copy: the response buffer is not kept alive
    found = { bytes, text: bytes.toString('utf8') }
    list.push(found)
  }
  if (index < 64) lastAt[index] = found
  return found.text
}
