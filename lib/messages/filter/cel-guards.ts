// Pure: refuses CEL filters whose evaluation cost explodes although they pass the parser's structural limits. The
// evaluation is synchronous (one message at a time on the server's event loop), so a filter that runs for minutes on
// one message would stall the whole server.
import { ApiError } from '@/lib/errors'
import { MAX_CEL_COMPREHENSION_NESTING } from './limits'

type Node = { op: string; args: unknown; pos?: number }

/** The macros that iterate (cel-js keeps them as receiver calls in the AST). */
const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'existsOne', 'map', 'filter'])

/**
 * Lookarounds and backreferences: V8's linear-time fallback engine cannot run them, so such a pattern could backtrack
 * exponentially (see regexp-engine.ts).
 */
const UNSAFE_REGEX = /\\[1-9]|\\k<|\(\?<?[=!]/

/** Throws ApiError('invalid_input') naming the position when the expression could run away. */
export function assertBoundedCel(ast: unknown): void {
  const visit = (n: unknown, depth: number): void => {
    if (Array.isArray(n)) {
      for (const c of n) visit(c, depth)
      return
    }
    if (!isNode(n)) return
    if (n.op === 'rcall' || n.op === 'call') {
      const [name, ...rest] = n.args as [string, ...unknown[]]
      if (name === 'matches') assertSafePattern(n)
      if (n.op === 'rcall' && COMPREHENSIONS.has(name)) {
        const [receiver, args] = rest
        if (depth + 1 > MAX_CEL_COMPREHENSION_NESTING)
          refuse(n, `at most ${MAX_CEL_COMPREHENSION_NESTING} nested comprehensions (all, exists, map, filter…)`)
        visit(receiver, depth)
        visit(args, depth + 1)
        return
      }
      for (const r of rest) visit(r, depth)
      return
    }
    visit(n.args, depth)
  }
  visit(ast, 0)
}

/** `matches` only with a literal pattern the linear-time engine can run (no pattern from message data). */
function assertSafePattern(call: Node): void {
  const args = call.args as unknown[]
  const list = (call.op === 'rcall' ? args[2] : args[1]) as unknown[]
  const pattern = call.op === 'rcall' ? list?.[0] : list?.[1]
  if (!isNode(pattern) || pattern.op !== 'value' || typeof pattern.args !== 'string')
    refuse(call, 'matches() needs a string literal as its pattern')
  if (UNSAFE_REGEX.test(pattern.args as string))
    refuse(pattern, 'matches() patterns may not use backreferences or lookarounds')
}

function refuse(n: Node, reason: string): never {
  const position = typeof n.pos === 'number' ? n.pos : 0
  throw new ApiError('invalid_input', `Invalid CEL filter at position ${position}: ${reason}`, {
    field: 'cel',
    position,
    reason,
  })
}

function isNode(n: unknown): n is Node {
  return typeof n === 'object' && n !== null && 'op' in n
}
