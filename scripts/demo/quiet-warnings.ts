/**
 * kafkajs computes some timer delays that can go negative; Node 24 then emits TimeoutNegativeWarning for every one.
 * Call this from a demo entry point only: it replaces Node's default warning printer with one that skips that noise.
 */
export function suppressTimeoutNegativeWarnings(): void {
  process.removeAllListeners('warning')
  process.on('warning', (warning) => {
    if (warning.name === 'TimeoutNegativeWarning') return
    console.warn(`(node) ${warning.name}: ${warning.message}`)
  })
}
