// Pure: the JSONPath subset masking rules use — $.a.b, $['a b'], $.a[0], $.a[-1], $.a[*].b, $.*, $..name, $..[0].
// Parsed once at config load (a bad path is a config error); evaluated without eval.

export type Selector = { kind: 'name'; name: string } | { kind: 'index'; index: number } | { kind: 'wildcard' }

/** One step: the selector applied to the children of the current nodes, or (descendant) of them and all below. */
export type Segment = { descendant: boolean; selector: Selector }

export class JsonPathError extends Error {}

const NAME = /^[^.[\]\s'"*]+/
/** Nesting this deep is not walked by `..` (messages are bounded, but a pathological one should not stall a scan). */
const MAX_DEPTH = 128

/** Throws JsonPathError saying what is wrong and where. */
export function parseJsonPath(source: string): Segment[] {
  const s = source.trim()
  if (!s.startsWith('$')) throw new JsonPathError(`"${source}": a path starts with $`)
  const segments: Segment[] = []
  let i = 1
  const fail = (why: string): never => {
    throw new JsonPathError(`"${source}": ${why} at position ${i}`)
  }
  while (i < s.length) {
    let descendant = false
    if (s.startsWith('..', i)) {
      descendant = true
      i += 2
      if (s[i] === '[') {
        segments.push({ descendant, selector: readBracket() })
        continue
      }
    } else if (s[i] === '.') {
      i += 1
    } else if (s[i] === '[') {
      segments.push({ descendant, selector: readBracket() })
      continue
    } else {
      fail('expected ".", ".." or "["')
    }
    if (s[i] === '*') {
      i += 1
      segments.push({ descendant, selector: { kind: 'wildcard' } })
      continue
    }
    const m = NAME.exec(s.slice(i))
    if (!m) fail('expected a field name or *')
    const name = (m as RegExpExecArray)[0]
    i += name.length
    segments.push({ descendant, selector: { kind: 'name', name } })
  }
  if (segments.length === 0) {
    throw new JsonPathError(`"${source}": selects the whole payload; to mask all of it leave out jsonPaths`)
  }
  return segments

  function readBracket(): Selector {
    i += 1 // [
    let selector: Selector
    const c = s[i]
    if (c === '*') {
      i += 1
      selector = { kind: 'wildcard' }
    } else if (c === "'" || c === '"') {
      let name = ''
      i += 1
      while (i < s.length && s[i] !== c) {
        if (s[i] === '\\' && i + 1 < s.length) i += 1
        name += s[i]
        i += 1
      }
      if (s[i] !== c) fail('unterminated quoted name')
      i += 1
      selector = { kind: 'name', name }
    } else {
      const m = /^-?\d+/.exec(s.slice(i))
      if (!m) return fail('expected an index, * or a quoted name inside [ ]')
      i += m[0].length
      selector = { kind: 'index', index: Number(m[0]) }
    }
    if (s[i] !== ']') fail('expected "]"')
    i += 1
    return selector
  }
}

/** Where a selected value lives: set or delete `parent[key]` to change it. */
export type Target = { parent: Record<string, unknown> | unknown[]; key: string | number }

type Node = { value: unknown }

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null
}

function childrenOf(parent: unknown, selector: Selector): Target[] {
  if (!isContainer(parent)) return []
  if (Array.isArray(parent)) {
    if (selector.kind === 'wildcard') return parent.map((_, key) => ({ parent, key }))
    if (selector.kind !== 'index') return []
    const key = selector.index < 0 ? parent.length + selector.index : selector.index
    return key >= 0 && key < parent.length ? [{ parent, key }] : []
  }
  if (selector.kind === 'wildcard') return Object.keys(parent).map((key) => ({ parent, key }))
  if (selector.kind !== 'name' || !Object.hasOwn(parent, selector.name)) return []
  return [{ parent, key: selector.name }]
}

/** The node and every container below it (depth-bounded). */
function selfAndDescendants(value: unknown, out: unknown[] = [], depth = 0): unknown[] {
  if (!isContainer(value) || depth > MAX_DEPTH) return out
  out.push(value)
  for (const child of Object.values(value)) selfAndDescendants(child, out, depth + 1)
  return out
}

/** Every place the path selects in `root`, each once. */
export function selectTargets(root: unknown, path: readonly Segment[]): Target[] {
  let nodes: Node[] = [{ value: root }]
  let targets: Target[] = []
  for (const segment of path) {
    targets = []
    for (const node of nodes) {
      const scopes = segment.descendant ? selfAndDescendants(node.value) : [node.value]
      for (const scope of scopes) targets.push(...childrenOf(scope, segment.selector))
    }
    nodes = targets.map((t) => ({ value: (t.parent as Record<string | number, unknown>)[t.key] }))
  }
  // `$..a..a` can reach one place twice.
  return distinct(targets)
}

function distinct(targets: Target[]): Target[] {
  const seen = new Map<object, Set<string | number>>()
  return targets.filter((t) => {
    const keys = seen.get(t.parent) ?? new Set()
    seen.set(t.parent, keys)
    if (keys.has(t.key)) return false
    keys.add(t.key)
    return true
  })
}

/** A stand-in of the same kind: strings "****", numbers 0, booleans false, objects {} and arrays [] (null stays). */
export function maskedValueOf(value: unknown, mask: string): unknown {
  if (typeof value === 'string') return mask
  if (typeof value === 'number') return 0
  if (typeof value === 'boolean') return false
  if (Array.isArray(value)) return []
  if (value !== null && typeof value === 'object') return {}
  return value
}

/**
 * A copy of `json` with every field the paths select masked or removed (array elements are spliced out), and how
 * many places were hit (0: nothing to hide, the caller keeps the original).
 */
export function applyJsonPaths(
  json: unknown,
  paths: readonly (readonly Segment[])[],
  action: 'mask' | 'remove',
  mask = '****',
): { json: unknown; hits: number } {
  if (!isContainer(json)) return { json, hits: 0 }
  const copy = structuredClone(json)
  // All places are found before any is changed, so a removal cannot shift what another path selects.
  const targets = distinct(paths.flatMap((p) => selectTargets(copy, p)))
  if (targets.length === 0) return { json, hits: 0 }
  if (action === 'mask') {
    for (const t of targets) {
      const parent = t.parent as Record<string | number, unknown>
      parent[t.key] = maskedValueOf(parent[t.key], mask)
    }
    return { json: copy, hits: targets.length }
  }
  const spliced = new Map<unknown[], number[]>()
  for (const t of targets) {
    if (Array.isArray(t.parent)) spliced.set(t.parent, [...(spliced.get(t.parent) ?? []), t.key as number])
    else delete t.parent[t.key as string]
  }
  for (const [array, indexes] of spliced) {
    for (const index of [...new Set(indexes)].sort((a, b) => b - a)) array.splice(index, 1)
  }
  return { json: copy, hits: targets.length }
}
