// Runs once when the Next.js server starts. The Node-only part lives in its own module so the Edge bundle never
// sees process.exit or the config loader.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./instrumentation-node')
}
