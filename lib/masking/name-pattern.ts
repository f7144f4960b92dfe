// Pure: topic and header-name patterns of masking rules — a glob (`payments.*`, `customer-?`) or a `/regex/flags`.

const REGEX_FORM = /^\/(.+)\/([a-z]*)$/

/** Throws (with the reason) for a bad `/regex/`; a glob is anchored and matches the whole name. */
export function compileNamePattern(pattern: string, caseInsensitive = false): RegExp {
  const m = REGEX_FORM.exec(pattern)
  if (m) {
    const flags = m[2] ?? ''
    if (/[gy]/.test(flags)) throw new Error(`"${pattern}": the g and y flags make matching stateful`)
    return new RegExp(m[1] ?? '', caseInsensitive && !flags.includes('i') ? `${flags}i` : flags)
  }
  const body = [...pattern]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('')
  return new RegExp(`^${body}$`, caseInsensitive ? 'i' : '')
}

/** The reason a pattern cannot be used, or null when it can. */
export function namePatternError(pattern: string): string | null {
  try {
    compileNamePattern(pattern)
    return null
  } catch (err) {
    return (err as Error).message
  }
}
