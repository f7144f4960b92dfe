/**
 * Text of the stack traces real Java and Node services attach to dead letters. They are static on purpose: the
 * console groups errors by exception class and message, so traces only need to look and wrap like the real thing.
 */

const SPRING_CONTAINER_FRAMES = [
  'org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.decorateException(KafkaMessageListenerContainer.java:2918)',
  'org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.doInvokeOnMessage(KafkaMessageListenerContainer.java:2865)',
  'org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.invokeOnMessage(KafkaMessageListenerContainer.java:2822)',
  'org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.doInvokeRecordListener(KafkaMessageListenerContainer.java:2736)',
  'org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.doInvokeWithRecords(KafkaMessageListenerContainer.java:2586)',
  'org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.invokeRecordListener(KafkaMessageListenerContainer.java:2474)',
  'org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.invokeListener(KafkaMessageListenerContainer.java:2120)',
  'org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.invokeIfHaveRecords(KafkaMessageListenerContainer.java:1495)',
  'org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.pollAndInvoke(KafkaMessageListenerContainer.java:1460)',
  'org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.run(KafkaMessageListenerContainer.java:1330)',
  'java.base/java.util.concurrent.CompletableFuture$AsyncRun.run(CompletableFuture.java:1804)',
  'java.base/java.lang.Thread.run(Thread.java:1583)',
]

const SPRING_ADAPTER_FRAMES = [
  'java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)',
  'java.base/java.lang.reflect.Method.invoke(Method.java:580)',
  'org.springframework.messaging.handler.invocation.InvocableHandlerMethod.doInvoke(InvocableHandlerMethod.java:169)',
  'org.springframework.messaging.handler.invocation.InvocableHandlerMethod.invoke(InvocableHandlerMethod.java:119)',
  'org.springframework.kafka.listener.adapter.HandlerAdapter.invoke(HandlerAdapter.java:56)',
  'org.springframework.kafka.listener.adapter.MessagingMessageListenerAdapter.invokeHandler(MessagingMessageListenerAdapter.java:375)',
  'org.springframework.kafka.listener.adapter.RecordMessagingMessageListenerAdapter.onMessage(RecordMessagingMessageListenerAdapter.java:92)',
  'org.springframework.kafka.listener.adapter.RecordMessagingMessageListenerAdapter.onMessage(RecordMessagingMessageListenerAdapter.java:53)',
  'org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.doInvokeOnMessage(KafkaMessageListenerContainer.java:2851)',
]

/** Frames of the application code where a Spring listener's cause was thrown, innermost first. */
export const SPRING_CAUSE_FRAMES = {
  validator: [
    'com.acme.fraud.validation.PaymentValidator.requirePositiveAmount(PaymentValidator.java:57)',
    'com.acme.fraud.validation.PaymentValidator.validate(PaymentValidator.java:31)',
    'com.acme.fraud.listener.PaymentListener.onPayment(PaymentListener.java:44)',
  ],
  currency: [
    'com.acme.fraud.payment.CurrencyRegistry.lookup(CurrencyRegistry.java:38)',
    'com.acme.fraud.scoring.RiskScorer.normalizeAmount(RiskScorer.java:112)',
    'com.acme.fraud.scoring.RiskScorer.score(RiskScorer.java:64)',
    'com.acme.fraud.listener.PaymentListener.onPayment(PaymentListener.java:47)',
  ],
  nullOrder: [
    'com.acme.fraud.scoring.OrderLookup.findOrder(OrderLookup.java:29)',
    'com.acme.fraud.scoring.RiskScorer.score(RiskScorer.java:58)',
    'com.acme.fraud.listener.PaymentListener.onPayment(PaymentListener.java:47)',
  ],
  deserializer: [
    'org.springframework.kafka.support.serializer.ErrorHandlingDeserializer.deserialize(ErrorHandlingDeserializer.java:194)',
    'org.apache.kafka.common.serialization.Deserializer.deserialize(Deserializer.java:73)',
    'org.apache.kafka.clients.consumer.internals.CompletedFetch.parseRecord(CompletedFetch.java:321)',
    'org.apache.kafka.clients.consumer.internals.CompletedFetch.fetchRecords(CompletedFetch.java:283)',
    'org.apache.kafka.clients.consumer.internals.FetchCollector.fetchRecords(FetchCollector.java:168)',
  ],
} as const

/** A Spring Kafka ListenerExecutionFailedException trace wrapping the given cause (as printStackTrace prints it). */
export function springListenerTrace(
  exceptionClass: string,
  message: string,
  causeClass: string,
  causeMessage: string,
  causeFrames: readonly string[],
): string {
  const lines = [`${exceptionClass}: ${message}`, ...SPRING_CONTAINER_FRAMES.map(at)]
  lines.push(`Caused by: ${causeClass}: ${causeMessage}`, ...causeFrames.map(at))
  const adapter = causeClass.startsWith('org.springframework.kafka.support.serializer') ? [] : SPRING_ADAPTER_FRAMES
  lines.push(...adapter.map(at), `\t... ${SPRING_CONTAINER_FRAMES.length - 1} more`)
  return `${lines.join('\n')}\n`
}

const CONNECT_WORKER_FRAMES = [
  'org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator.execAndRetry(RetryWithToleranceOperator.java:204)',
  'org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator.execAndHandleError(RetryWithToleranceOperator.java:241)',
  'org.apache.kafka.connect.runtime.errors.RetryWithToleranceOperator.execute(RetryWithToleranceOperator.java:177)',
  'org.apache.kafka.connect.runtime.WorkerSinkTask.convertAndTransformRecord(WorkerSinkTask.java:539)',
  'org.apache.kafka.connect.runtime.WorkerSinkTask.convertMessages(WorkerSinkTask.java:514)',
  'org.apache.kafka.connect.runtime.WorkerSinkTask.poll(WorkerSinkTask.java:349)',
  'org.apache.kafka.connect.runtime.WorkerSinkTask.iteration(WorkerSinkTask.java:250)',
  'org.apache.kafka.connect.runtime.WorkerSinkTask.execute(WorkerSinkTask.java:219)',
  'org.apache.kafka.connect.runtime.WorkerTask.doRun(WorkerTask.java:204)',
  'org.apache.kafka.connect.runtime.WorkerTask.run(WorkerTask.java:259)',
  'org.apache.kafka.connect.runtime.isolation.Plugins.lambda$withClassLoader$1(Plugins.java:237)',
  'java.base/java.util.concurrent.Executors$RunnableAdapter.call(Executors.java:572)',
  'java.base/java.util.concurrent.FutureTask.run(FutureTask.java:317)',
  'java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144)',
  'java.base/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:642)',
  'java.base/java.lang.Thread.run(Thread.java:1583)',
]

/** A Kafka Connect sink task trace for a record that failed in a converter or transformation. */
export function connectTrace(
  exceptionClass: string,
  message: string,
  stageFrames: readonly string[],
  cause?: { className: string; message: string; frames: readonly string[] },
): string {
  const lines = [`${exceptionClass}: ${message}`, ...stageFrames.map(at), ...CONNECT_WORKER_FRAMES.map(at)]
  if (cause) {
    lines.push(`Caused by: ${cause.className}: ${cause.message}`, ...cause.frames.map(at))
    lines.push(`\t... ${CONNECT_WORKER_FRAMES.length + stageFrames.length - 1} more`)
  }
  return `${lines.join('\n')}\n`
}

/** A Node.js `Error.stack` as the (Node-based) order validator would log it. */
export function nodeTrace(errorType: string, message: string, validatorFrame: string): string {
  return [
    `${errorType}: ${message}`,
    `    at ${validatorFrame}`,
    '    at validateOrder (/app/dist/orders/validate-order.js:41:11)',
    '    at FraudDetector.handleOrder (/app/dist/consumers/fraud-detector.js:88:7)',
    '    at Runner.eachMessage (/app/dist/consumers/fraud-detector.js:52:20)',
    '    at Runner.processEachMessage (/app/node_modules/kafkajs/src/consumer/runner.js:231:20)',
    '    at onBatch (/app/node_modules/kafkajs/src/consumer/runner.js:447:20)',
    '    at Runner.handleBatch (/app/node_modules/kafkajs/src/consumer/runner.js:461:11)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)',
  ].join('\n')
}

function at(frame: string): string {
  return `\tat ${frame}`
}
