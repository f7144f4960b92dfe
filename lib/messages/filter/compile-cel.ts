// Compiles a CEL filter once per scan. @marcbachmann/cel-js interprets an AST: no eval, no Function, no host access.
import { Environment } from '@marcbachmann/cel-js'
import { ApiError } from '@/lib/errors'
import { assertBoundedCel } from './cel-guards'
import { MAX_CEL_LENGTH } from './limits'
import './regexp-engine'
import { requiredValueLiterals } from './required-literals'

export { MAX_CEL_LENGTH }

/** What a filter expression sees of one message. */
export type CelInput = {
  key: unknown
  value: unknown
  headers: Map<string, string>
  partition: bigint
  offset: bigint
  timestamp: bigint
}

/** true: match; false: no match; 'error': the expression failed on this message (counted as a non-match). */
export type CelPredicate = ((input: CelInput) => boolean | 'error') & {
  /** Strings `value.<field> == "…"` terms require (see required-literals.ts). */
  requiredValueLiterals: string[]
}

const env = new Environment({
  unlistedVariablesAreDyn: false,
  // Structural limits refuse pathological expressions (deep nesting, huge literals) at parse time.
  limits: { maxAstNodes: 500, maxDepth: 32, maxListElements: 200, maxMapEntries: 200, maxCallArguments: 16 },
})
  .registerVariable('key', 'dyn')
  .registerVariable('value', 'dyn')
  .registerVariable('headers', 'map<string, string>')
  .registerVariable('partition', 'int')
  .registerVariable('offset', 'int')
  .registerVariable('timestamp', 'int')

/** The compiled predicate; a bad expression is an ApiError('invalid_input') naming the position (0-based). */
export function compileCel(expression: string): CelPredicate {
  if (expression.length > MAX_CEL_LENGTH) {
    throw new ApiError(
      'invalid_input',
      `CEL filter is ${expression.length} characters long (at most ${MAX_CEL_LENGTH})`,
      {
        field: 'cel',
        position: MAX_CEL_LENGTH,
      },
    )
  }
  let program: ReturnType<typeof env.parse>
  try {
    program = env.parse(expression)
    assertBoundedCel(program.ast)
    const checked = program.check() as { valid?: boolean; error?: unknown; type?: string } | undefined
    if (checked && checked.valid === false && checked.error) throw checked.error
    if (checked?.type && checked.type !== 'bool' && checked.type !== 'dyn') {
      throw new ApiError('invalid_input', `Invalid CEL filter: it gives a ${checked.type}, not a bool`, {
        field: 'cel',
        position: 0,
        reason: `gives a ${checked.type}, not a bool`,
      })
    }
  } catch (err) {
    throw err instanceof ApiError ? err : celError(err)
  }
  const predicate = (input: CelInput): boolean | 'error' => {
    try {
      return program(input) === true
    } catch {
      return 'error'
    }
  }
  return Object.assign(predicate, { requiredValueLiterals: requiredValueLiterals(program.ast) })
}

type CelErrorLike = { message?: string; node?: { pos?: number } }

function celError(err: unknown): ApiError {
  const e = err as CelErrorLike
  const position = typeof e.node?.pos === 'number' ? e.node.pos : undefined
  // cel-js appends a source excerpt with a caret after the first line; the UI draws its own.
  const reason = (e.message ?? String(err)).split('\n')[0]
  const where = position === undefined ? '' : ` at position ${position}`
  return new ApiError('invalid_input', `Invalid CEL filter${where}: ${reason}`, { field: 'cel', position, reason })
}
