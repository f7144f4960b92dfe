/**
 * Runs `tick` now and then every intervalMs, never two at once: the next tick is scheduled when the previous one
 * ends (at once when it took longer than the interval). `tick` must not throw; it records its own errors.
 */
export class SamplingLoop {
  private timer: NodeJS.Timeout | null = null
  private inFlight: Promise<void> | null = null
  private running = false

  constructor(
    private readonly intervalMs: number,
    private readonly tick: () => Promise<void>,
  ) {}

  get active(): boolean {
    return this.running
  }

  start(): void {
    if (this.running) return
    this.running = true
    // A tick still finishing from before a stop: the next one follows it.
    if (!this.inFlight) this.schedule(0)
  }

  /** Stops scheduling and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.running = false
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    await this.inFlight
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null
      if (!this.running) return
      const started = Date.now()
      this.inFlight = this.tick()
        .catch(() => undefined)
        .finally(() => {
          this.inFlight = null
          if (this.running) this.schedule(Math.max(0, this.intervalMs - (Date.now() - started)))
        })
    }, delayMs)
  }
}
