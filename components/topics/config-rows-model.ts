// Pure: the key/value rows the config editors show, turned into what the API takes.

export type ConfigRow = { id: number; name: string; value: string }

let nextId = 1
/** A row with a fresh React key. */
export const configRow = (name = '', value = ''): ConfigRow => ({ id: nextId++, name, value })

export const rowsOf = (configs: Record<string, string>): ConfigRow[] =>
  Object.entries(configs)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => configRow(name, value))

/** The configs the rows hold (blank rows ignored), or the first problem with them in words. */
export function configsOfRows(rows: readonly ConfigRow[]): { configs: Record<string, string> } | { problem: string } {
  const configs: Record<string, string> = {}
  for (const row of rows) {
    const name = row.name.trim()
    if (name === '' && row.value === '') continue
    if (name === '') return { problem: `A config with value "${row.value}" has no name` }
    if (!/^[a-zA-Z0-9._-]+$/.test(name)) return { problem: `"${name}" is not a config name` }
    if (name in configs) return { problem: `"${name}" is listed twice` }
    configs[name] = row.value
  }
  return { configs }
}

/** The incremental change from the current overrides to the edited ones: overrides not touched are not sent. */
export function changeRequestOf(
  current: Record<string, string>,
  edited: Record<string, string>,
): { set: Record<string, string>; delete: string[] } {
  const set: Record<string, string> = {}
  for (const [name, value] of Object.entries(edited)) if (current[name] !== value) set[name] = value
  const removed = Object.keys(current).filter((name) => !(name in edited))
  return { set, delete: removed.sort() }
}
