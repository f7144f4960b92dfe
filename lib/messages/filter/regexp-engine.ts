import v8 from 'node:v8'

// CEL's `matches` runs JavaScript regular expressions over message data on the server's event loop; a pattern such as
// ^(a+)+$ backtracks exponentially. With this V8 flag a regexp that backtracks excessively is re-run on V8's linear-time
// engine (same result), so no pattern can stall the server. Patterns that engine cannot run (backreferences,
// lookarounds) are refused up front (cel-guards.ts). Process-wide, idempotent, and harmless for every other regexp.
v8.setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks')
