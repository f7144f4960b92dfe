// A JSON value as an indented tree whose objects and arrays fold (native <details>, no state per node); text reads
// as JSON does, so copying a folded-open tree gives JSON-looking text.

type JsonTreeProps = { value: unknown }

/** Nodes deeper than this start folded, so a huge payload opens readable. */
const OPEN_DEPTH = 2

export function JsonTree({ value }: JsonTreeProps) {
  return (
    <div className="font-mono text-xs leading-5" data-testid="json-tree">
      <Node value={value} depth={0} />
    </div>
  )
}

function Node({ value, depth, name, last = true }: { value: unknown; depth: number; name?: string; last?: boolean }) {
  const label = name === undefined ? null : <span className="text-accent">{JSON.stringify(name)}: </span>
  const comma = last ? '' : ','
  if (value === null || typeof value !== 'object') {
    return (
      <div>
        {label}
        <Scalar value={value} />
        {comma}
      </div>
    )
  }
  const entries: [string | undefined, unknown][] = Array.isArray(value)
    ? value.map((v) => [undefined, v])
    : Object.entries(value as Record<string, unknown>)
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}']
  if (entries.length === 0) {
    return (
      <div>
        {label}
        {open}
        {close}
        {comma}
      </div>
    )
  }
  return (
    <details open={depth < OPEN_DEPTH} className="group">
      <summary className="cursor-pointer list-none marker:hidden hover:bg-surface">
        {label}
        {open}
        <span className="hidden text-muted group-[:not([open])]:inline">
          {' '}
          … {entries.length} {Array.isArray(value) ? 'items' : 'keys'} {close}
          {comma}
        </span>
      </summary>
      <div className="border-l border-border pl-4">
        {entries.map(([key, v], i) => (
          <Node key={key ?? i} value={v} depth={depth + 1} name={key} last={i === entries.length - 1} />
        ))}
      </div>
      <div>
        {close}
        {comma}
      </div>
    </details>
  )
}

function Scalar({ value }: { value: unknown }) {
  if (typeof value === 'string') return <span className="break-all text-success">{JSON.stringify(value)}</span>
  if (typeof value === 'number' || typeof value === 'bigint')
    return <span className="text-warning">{String(value)}</span>
  return <span className="text-muted">{String(value)}</span>
}
