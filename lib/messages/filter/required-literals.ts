// Pure: string literals a CEL filter requires to appear in a JSON value, read from its AST. A scan uses them to skip,
// without decoding, records whose raw bytes cannot match (the 99.9% of a selective filter).

type Node = { op: string; args: unknown }

/**
 * The strings `value.<path> == "literal"` (either side, any depth of `.field` / `["field"]`) requires, when the whole
 * expression is a conjunction (`&&`) of terms; other terms add nothing. An expression with `||`, `!` or `?:` at the
 * top gives none (no safe shortcut).
 */
export function requiredValueLiterals(ast: unknown): string[] {
  const out: string[] = []
  const visit = (n: Node): void => {
    if (n.op === '&&') {
      for (const a of n.args as Node[]) visit(a)
      return
    }
    if (n.op !== '==') return
    const [left, right] = n.args as [Node, Node]
    const literal = stringLiteralOf(left) ?? stringLiteralOf(right)
    const path = isValuePath(left) ? left : isValuePath(right) ? right : null
    if (literal && path) out.push(literal)
  }
  if (isNode(ast)) visit(ast)
  return out
}

function isNode(n: unknown): n is Node {
  return typeof n === 'object' && n !== null && 'op' in n
}

function stringLiteralOf(n: Node): string | null {
  return n.op === 'value' && typeof n.args === 'string' && n.args.length > 0 ? n.args : null
}

/** `value.a`, `value["a"].b`… : a field of the decoded value (not `value` itself, which could be plain text). */
function isValuePath(n: Node): boolean {
  if (n.op === '.') return isValueOrPath((n.args as [Node, string])[0])
  if (n.op === '[]') {
    const [target, index] = n.args as [Node, Node]
    return stringLiteralOf(index) !== null && isValueOrPath(target)
  }
  return false
}

function isValueOrPath(n: Node): boolean {
  return (n.op === 'id' && n.args === 'value') || isValuePath(n)
}

const BACKSLASH = 0x5c
const OPEN_BRACE = 0x7b
const OPEN_BRACKET = 0x5b

/**
 * Whether a raw value certainly fails `value.<path> == "literal"` for one of the literals: it is JSON text (starts
 * with { or [) without any escape sequence, and the literal, as JSON writes it, is not among its bytes. Anything
 * else (escapes, other encodings such as Avro or MessagePack) is left to the full decode and evaluation.
 */
export function rawValueCannotMatch(value: Buffer | null, needles: readonly Buffer[]): boolean {
  if (needles.length === 0 || value === null || value.length === 0) return false
  let i = 0
  while (i < value.length && (value[i] === 0x20 || value[i] === 0x0a || value[i] === 0x0d || value[i] === 0x09)) i++
  if (value[i] !== OPEN_BRACE && value[i] !== OPEN_BRACKET) return false
  if (value.includes(BACKSLASH)) return false
  return needles.some((needle) => !value.includes(needle))
}

/** The literals as the bytes JSON uses for them ("platinum" with its quotes). */
export function jsonNeedlesOf(literals: readonly string[]): Buffer[] {
  return literals.map((l) => Buffer.from(JSON.stringify(l), 'utf8'))
}
