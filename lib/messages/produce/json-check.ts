// Shared by server and browser (the produce dialog validates as you type): no imports.

/** Where a JSON text stops being JSON: a 0-based character offset plus 1-based line and column. */
export type JsonSyntaxError = { message: string; position: number; line: number; column: number }

/**
 * Null when `text` is valid JSON, otherwise the first error with its position. JSON.parse decides validity (so the
 * verdict is exactly the runtime's); the scanner below only locates the error, since V8 omits the position from
 * some messages ("Unexpected token 'a', "abc" is not valid JSON", "Unexpected end of JSON input").
 */
export function checkJson(text: string): JsonSyntaxError | null {
  try {
    JSON.parse(text)
    return null
  } catch (err) {
    const located = locateJsonError(text)
    if (located) return located
    // The scanner disagreed (should not happen): keep the runtime's own words and position, if any.
    const message = err instanceof Error ? err.message : String(err)
    const at = /at position (\d+)/.exec(message)
    return at ? withLineColumn(text, Number(at[1]), message) : withLineColumn(text, text.length, message)
  }
}

/** A message for people: "Expected ',' or '}' at line 3, column 7 (position 42)". */
export function describeJsonError(e: JsonSyntaxError): string {
  return `${e.message} at line ${e.line}, column ${e.column} (position ${e.position})`
}

const WS = new Set([' ', '\t', '\n', '\r'])
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't'])
const HEX = /^[0-9a-fA-F]{4}$/
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y

/**
 * RFC 8259 scanner without recursion (a megabyte of "[[[[" must not overflow the stack). Returns the first error, or
 * null when the text is valid.
 */
export function locateJsonError(text: string): JsonSyntaxError | null {
  let i = 0
  // What the scanner expects next, and the open containers ('[' or '{').
  const stack: string[] = []
  type State = 'value' | 'afterValue' | 'key' | 'firstKey' | 'firstValue'
  let state: State = 'value'
  const fail = (message: string, at = i) => withLineColumn(text, at, message)
  const skipWs = () => {
    while (i < text.length && WS.has(text[i] as string)) i++
  }
  const scanString = (): JsonSyntaxError | null => {
    i++ // opening quote
    for (;;) {
      if (i >= text.length) return fail('Unterminated string')
      const c = text.charCodeAt(i)
      if (c === 0x22) {
        i++
        return null
      }
      if (c < 0x20) return fail('Control character in string (escape it, e.g. \\n)')
      if (c === 0x5c) {
        const next = text[i + 1]
        if (next === undefined) return fail('Unterminated string')
        if (next === 'u') {
          if (!HEX.test(text.slice(i + 2, i + 6))) return fail('Bad \\u escape (needs 4 hex digits)')
          i += 6
        } else if (ESCAPES.has(next)) i += 2
        else return fail(`Bad escape \\${next}`)
      } else i++
    }
  }
  for (;;) {
    skipWs()
    const c = text[i]
    if (state === 'value' || state === 'firstValue') {
      if (c === undefined) return fail('Unexpected end of input: a value is missing')
      if (state === 'firstValue' && c === ']') {
        stack.pop()
        i++
        state = 'afterValue'
        continue
      }
      if (c === '{') {
        stack.push('{')
        i++
        state = 'firstKey'
        continue
      }
      if (c === '[') {
        stack.push('[')
        i++
        state = 'firstValue'
        continue
      }
      if (c === '"') {
        const e = scanString()
        if (e) return e
        state = 'afterValue'
        continue
      }
      const literal = ['true', 'false', 'null'].find((l) => text.startsWith(l, i))
      if (literal) {
        i += literal.length
        state = 'afterValue'
        continue
      }
      NUMBER.lastIndex = i
      const m = NUMBER.exec(text)
      if (m && m[0] !== '-') {
        i += m[0].length
        state = 'afterValue'
        continue
      }
      return fail(`Unexpected ${describeChar(c)}: expected a value`)
    }
    if (state === 'key' || state === 'firstKey') {
      if (c === undefined) return fail('Unexpected end of input: a property name is missing')
      if (state === 'firstKey' && c === '}') {
        stack.pop()
        i++
        state = 'afterValue'
        continue
      }
      if (c !== '"') return fail(`Unexpected ${describeChar(c)}: expected a double-quoted property name`)
      const e = scanString()
      if (e) return e
      skipWs()
      if (text[i] !== ':') return fail(`Expected ':' after the property name, found ${describeChar(text[i])}`)
      i++
      state = 'value'
      continue
    }
    // afterValue
    const open = stack[stack.length - 1]
    if (open === undefined) {
      if (c === undefined) return null
      return fail(`Unexpected ${describeChar(c)} after the JSON value`)
    }
    const close = open === '{' ? '}' : ']'
    if (c === ',') {
      i++
      state = open === '{' ? 'key' : 'value'
      continue
    }
    if (c === close) {
      stack.pop()
      i++
      continue
    }
    if (c === undefined) return fail(`Unexpected end of input: expected ',' or '${close}'`)
    return fail(`Expected ',' or '${close}', found ${describeChar(c)}`)
  }
}

function describeChar(c: string | undefined): string {
  if (c === undefined) return 'end of input'
  return /[\x20-\x7e]/.test(c)
    ? `'${c}'`
    : `character U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
}

function withLineColumn(text: string, position: number, message: string): JsonSyntaxError {
  let line = 1
  let lineStart = 0
  for (let k = 0; k < position && k < text.length; k++) {
    if (text[k] === '\n') {
      line++
      lineStart = k + 1
    }
  }
  return { message, position, line, column: position - lineStart + 1 }
}
