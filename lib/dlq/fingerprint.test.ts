import { describe, expect, it } from 'vitest'
import { causeTypeOfTrace, errorFingerprint, normaliseErrorMessage, normaliseStackTrace } from './fingerprint'

describe('normaliseErrorMessage', () => {
  it.each([
    ['Order 17 has no customerId', 'Order <n> has no customerId'],
    ['Order ORD-2024-00042 total 12.50 EUR', 'Order ORD-<n>-<n> total <n> EUR'],
    ['lineItems[0].quantity must be positive but was -3', 'lineItems[<n>].quantity must be positive but was <n>'],
    ['user 3f2504e0-4f89-11d3-9a0c-0305e82c3301 not found', 'user <uuid> not found'],
    ['at 2026-01-02T03:04:05.123Z failed', 'at <time> failed'],
    ['object at 0x7ffd5e8c1a2b freed', 'object at <hex> freed'],
    ['com.acme.Foo@6d06d69c is closed', 'com.acme.Foo@<hex> is closed'],
    ['request a1b2c3d4e5f6 timed out', 'request <id> timed out'],
    ['castToInt32 failed for Log4j2', 'castToInt32 failed for Log4j2'],
    ['  spaced\n\tout  ', 'spaced out'],
  ])('%s', (input, expected) => {
    expect(normaliseErrorMessage(input)).toBe(expected)
  })
})

describe('normaliseStackTrace', () => {
  it('keeps exception classes and frames, drops messages, line numbers and omitted-frame counts', () => {
    const trace = [
      'org.springframework.kafka.listener.ListenerExecutionFailedException: Listener failed for offset 17',
      '\tat org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.decorateException(KafkaMessageListenerContainer.java:2918)',
      '\tat java.base@21.0.2/java.lang.Thread.run(Thread.java:1583)',
      'Caused by: java.lang.IllegalArgumentException: amount must be positive but was -3',
      '\tat com.acme.PaymentValidator.validate(PaymentValidator.java:31) ~[fraud-1.4.2.jar:1.4.2]',
      '\t... 11 more',
      '',
    ].join('\n')
    expect(normaliseStackTrace(trace)).toBe(
      [
        'org.springframework.kafka.listener.ListenerExecutionFailedException',
        'at org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.decorateException(KafkaMessageListenerContainer.java)',
        'at java.base/java.lang.Thread.run(Thread.java)',
        'Caused by: java.lang.IllegalArgumentException',
        'at com.acme.PaymentValidator.validate(PaymentValidator.java)',
      ].join('\n'),
    )
  })

  it.each([
    [
      'lambda hidden class (JDK 8-17)',
      'at com.acme.Svc$$Lambda$123/0x0000000800c1b2c8.accept(Unknown Source)',
      'at com.acme.Svc$$Lambda.accept(Unknown Source)',
    ],
    [
      'lambda hidden class (JDK 21)',
      'at com.acme.Svc$$Lambda/0x000071c3b8012345.accept(Unknown Source)',
      'at com.acme.Svc$$Lambda.accept(Unknown Source)',
    ],
    [
      'lambda index',
      'at a.TransformationChain.lambda$transform$0(TransformationChain.java:54)',
      'at a.TransformationChain.lambda$transform$#(TransformationChain.java)',
    ],
    [
      'JDK proxy',
      'at jdk.proxy2/jdk.proxy2.$Proxy123.handle(Unknown Source)',
      'at jdk.proxy2/jdk.proxy2.$Proxy.handle(Unknown Source)',
    ],
    [
      'CGLIB',
      'at com.acme.Svc$$EnhancerBySpringCGLIB$$1a2b3c4d.run(<generated>)',
      'at com.acme.Svc$$EnhancerBySpringCGLIB.run(<generated>)',
    ],
    [
      'Spring 6 CGLIB',
      'at com.acme.Svc$$SpringCGLIB$$0.run(<generated>)',
      'at com.acme.Svc$$SpringCGLIB.run(<generated>)',
    ],
    [
      'reflection accessor',
      'at jdk.internal.reflect.GeneratedMethodAccessor45.invoke(Unknown Source)',
      'at jdk.internal.reflect.GeneratedMethodAccessor.invoke(Unknown Source)',
    ],
    [
      'Node frame',
      '    at validateOrder (/app/dist/orders/validate-order.js:41:11)',
      'at validateOrder (/app/dist/orders/validate-order.js)',
    ],
    ['Node bare frame', '    at /app/dist/index.js:3:9', 'at /app/dist/index.js'],
    [
      'Node internal',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)',
      'at process.processTicksAndRejections (node:internal/process/task_queues)',
    ],
    ['Node Promise.all', '    at async Promise.all (index 3)', 'at async Promise.all (index #)'],
    [
      'hashed chunk',
      '    at handler (/app/.next/server/chunks/8f3a9c1b2d.js:1:2)',
      'at handler (/app/.next/server/chunks/<id>.js)',
    ],
    [
      'message continuation as frame',
      ' at [Source: (byte[]); line: 1, column: 17]',
      'at [Source: (byte[]); line: #, column: #]',
    ],
  ])('%s', (_, frame, expected) => {
    expect(normaliseStackTrace(frame)).toBe(expected)
  })

  it('drops continuation lines of multi-line messages', () => {
    expect(normaliseStackTrace('com.acme.E: first line\nsecond line of (the) message\n\tat a.B.c(B.java:1)')).toBe(
      'com.acme.E\nat a.B.c(B.java)',
    )
  })
})

describe('causeTypeOfTrace', () => {
  it.each([
    ['a.E: x\nCaused by: b.F: y\nCaused by: c.G', 'b.F'],
    ['a.E: x\n\tat a.B.c(B.java:1)', undefined],
    ['Caused by: java.lang.NullPointerException', 'java.lang.NullPointerException'],
  ])('%#', (trace, expected) => {
    expect(causeTypeOfTrace(trace)).toBe(expected)
  })
})

const javaTrace = (line: number, lambda: string, offset: number, id: string) =>
  [
    `org.springframework.kafka.listener.ListenerExecutionFailedException: Listener failed; offset ${offset} id ${id}`,
    `\tat com.acme.fraud.Listener${lambda}.accept(Unknown Source)`,
    `\tat com.acme.fraud.PaymentValidator.validate(PaymentValidator.java:${line})`,
    `Caused by: java.lang.IllegalArgumentException: amount ${-offset} for payment ${id}`,
    `\tat com.acme.fraud.PaymentValidator.requirePositiveAmount(PaymentValidator.java:${line + 26})`,
    `\t... ${line % 7} more`,
  ].join('\n')

describe('errorFingerprint', () => {
  const type = 'org.springframework.kafka.listener.ListenerExecutionFailedException'
  const causeType = 'java.lang.IllegalArgumentException'
  const base = errorFingerprint({
    type,
    causeType,
    stackTrace: javaTrace(31, '$$Lambda$12/0x0000000800c1b2c8', 1, 'a1b2c3d4e5'),
  })

  it.each([
    ['other line numbers', javaTrace(35, '$$Lambda$12/0x0000000800c1b2c8', 1, 'a1b2c3d4e5')],
    ['another lambda id', javaTrace(31, '$$Lambda$987/0x00000008001f0040', 1, 'a1b2c3d4e5')],
    ['JDK 21 lambda', javaTrace(31, '$$Lambda/0x000071c3b8012345', 1, 'a1b2c3d4e5')],
    ['other record values in messages', javaTrace(31, '$$Lambda$12/0x0000000800c1b2c8', 99, 'ffee0099aa11')],
  ])('same bug, %s: same fingerprint', (_, stackTrace) => {
    expect(errorFingerprint({ type, causeType, stackTrace, message: 'whatever' })).toBe(base)
  })

  it.each([
    [
      'another cause type',
      { type, causeType: 'java.lang.NullPointerException', stackTrace: javaTrace(31, '', 1, 'x') },
    ],
    ['another type', { type: 'java.lang.RuntimeException', causeType, stackTrace: javaTrace(31, '', 1, 'x') }],
    [
      'another throwing method',
      { type, causeType, stackTrace: javaTrace(31, '', 1, 'x').replace('requirePositiveAmount', 'requireCurrency') },
    ],
    ['no trace', { type, causeType, message: 'Listener failed' }],
  ])('different bug, %s: different fingerprint', (_, error) => {
    expect(errorFingerprint(error)).not.toBe(base)
  })

  it('without a trace, groups by type and normalised message', () => {
    const a = errorFingerprint({ type: 'MissingFieldError', message: 'Order ORD-17 has no customerId' })
    expect(errorFingerprint({ type: 'MissingFieldError', message: 'Order ORD-42 has no customerId' })).toBe(a)
    expect(errorFingerprint({ type: 'MissingFieldError', message: 'Order ORD-42 has no total' })).not.toBe(a)
    expect(errorFingerprint({ type: 'OtherError', message: 'Order ORD-17 has no customerId' })).not.toBe(a)
  })

  it('Node traces: same bug across deployments (line/column shifts), different validator frames differ', () => {
    const node = (frame: string, line: number) =>
      `InvalidQuantityError: lineItems[${line % 3}].quantity must be positive\n    at ${frame} (/app/dist/v.js:${line}:15)\n    at validateOrder (/app/dist/v.js:${line + 9}:11)`
    const t = 'InvalidQuantityError'
    expect(errorFingerprint({ type: t, stackTrace: node('assertPositiveQuantities', 77) })).toBe(
      errorFingerprint({ type: t, stackTrace: node('assertPositiveQuantities', 81) }),
    )
    expect(errorFingerprint({ type: t, stackTrace: node('assertPositiveQuantities', 77) })).not.toBe(
      errorFingerprint({ type: t, stackTrace: node('assertTotalsMatch', 77) }),
    )
  })

  it('is 14 hex digits and deterministic', () => {
    expect(base).toMatch(/^[0-9a-f]{14}$/)
    expect(errorFingerprint({})).toBe(errorFingerprint({}))
  })
})
