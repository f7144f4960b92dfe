// Pure, no Node APIs: the same grouping can run on the server and in the browser.

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi
const ISO_TIME = /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g
const HEX_ADDRESS = /\b0x[0-9a-f]+\b/gi
/** Content hashes and generated ids: long hex runs mixing letters and digits (pure digit runs are numbers). */
const HEX_ID = /\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/gi
const NUMBER = /(?<![\w.])-?\d+(?:\.\d+)?(?![\w])/g
/** Identity hash codes as Object.toString prints them: `Foo@6d06d69c`. */
const IDENTITY_HASH = /@[0-9a-f]{4,}\b/gi

/**
 * The error message with what differs per record replaced by placeholders (uuids, timestamps, hex, ids, numbers),
 * so `Order 17 has no customerId` and `Order 42 has no customerId` read the same.
 */
export function normaliseErrorMessage(message: string): string {
  return message
    .replace(UUID, '<uuid>')
    .replace(ISO_TIME, '<time>')
    .replace(HEX_ADDRESS, '<hex>')
    .replace(IDENTITY_HASH, '@<hex>')
    .replace(HEX_ID, '<id>')
    .replace(NUMBER, '<n>')
    .replace(/\s+/g, ' ')
    .trim()
}

const OMITTED_FRAMES = /^\.\.\.\s*\d+\s+(more|common frames omitted)\b/
/** `Caused by: com.acme.Foo: message`, `java.lang.X`, `TypeError: message`: the part before the first ': '. */
const EXCEPTION_LINE = /^((?:Caused by|Suppressed|Wrapped by):\s*)?([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)(?::\s|:?$)/

/** One `at ...` frame without what changes between builds, deployments and JVM runs. */
function normaliseFrame(frame: string): string {
  return (
    frame
      // Java `(File.java:123)` and Node `(/app/x.js:77:15)` / `/app/x.js:77:15`: line and column numbers.
      .replace(/:\d+(?::\d+)?(?=\)|$)/g, '')
      // Logback's packaging data: ` ~[spring-kafka-3.1.0.jar:3.1.0]`.
      .replace(/\s+~?\[[^\]]*\.jar:[^\]]*\]$/, '')
      // Module versions: `java.base@21.0.2/java.lang.Thread`.
      .replace(/@[\d.]+[\w.-]*\//g, '/')
      // JVM hidden classes and proxies: `$$Lambda$123/0x0000000800c1b2c8`, `$$Lambda/0x…`, `$Proxy45`, CGLIB.
      .replace(/\$\$Lambda(?:\$\d+)?(?:\/0x[0-9a-f]+)?/gi, '$$$$Lambda')
      .replace(/\$Proxy\d+/g, '$$Proxy')
      .replace(/\$\$(EnhancerBySpringCGLIB|SpringCGLIB|FastClassBySpringCGLIB|EnhancerByCGLIB)\$\$\w+/g, '$$$$$1')
      .replace(/\$HibernateProxy\$\w+/g, '$$HibernateProxy')
      .replace(
        /\b(GeneratedMethodAccessor|GeneratedConstructorAccessor|GeneratedSerializationConstructorAccessor)\d+/g,
        '$1',
      )
      .replace(UUID, '<uuid>')
      .replace(HEX_ADDRESS, '<hex>')
      .replace(IDENTITY_HASH, '@<hex>')
      .replace(HEX_ID, '<id>')
      // What is left: lambda and anonymous class indices, `(index 0)`, numbered chunks; word-bounded, so `Int32` stays.
      .replace(/\b\d+\b/g, '#')
      .replace(/\s+/g, ' ')
  )
}

/**
 * A stack trace (Java's printStackTrace or Node's Error.stack) reduced to what identifies the bug: the exception
 * classes of the trace and its `Caused by:` chain, and the frames without line numbers, lambda/proxy suffixes,
 * addresses and generated ids. Messages are dropped: they carry per-record values, and the frames already say where.
 */
export function normaliseStackTrace(trace: string): string {
  const out: string[] = []
  for (const raw of trace.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line || OMITTED_FRAMES.test(line)) continue
    if (/^at\s/.test(line)) {
      out.push(normaliseFrame(line))
      continue
    }
    const exception = EXCEPTION_LINE.exec(line)
    // Anything else is the continuation of a multi-line message.
    if (exception) out.push(`${exception[1] ? `${exception[1].replace(/:\s*$/, '')}: ` : ''}${exception[2]}`)
  }
  return out.join('\n')
}

/** The exception class of the first `Caused by:` of a Java trace (the direct cause, as Spring reports it). */
export function causeTypeOfTrace(trace: string): string | undefined {
  const match = /^\s*Caused by:\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)(?::|\s*$)/m.exec(trace)
  return match?.[1]
}

/**
 * A stable id for "the same bug": the error type and cause type plus the normalised stack trace, or the normalised
 * message when there is no trace. 53-bit cyrb53 hash as 14 hex digits.
 */
export function errorFingerprint(error: {
  type?: string
  causeType?: string
  message?: string
  stackTrace?: string
}): string {
  const body = error.stackTrace?.trim()
    ? `trace\n${normaliseStackTrace(error.stackTrace)}`
    : `message\n${normaliseErrorMessage(error.message ?? '')}`
  return cyrb53(`${error.type ?? ''}\n${error.causeType ?? ''}\n${body}`)
}

function cyrb53(text: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0')
}
