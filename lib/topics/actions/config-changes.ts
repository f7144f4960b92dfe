// Pure: the diff an incremental config change makes, shown before it is confirmed.
import type { AlterTopicConfigsRequest, ConfigChange } from './types'

/** The changes `request` makes to `overrides`, by name; setting a value it already has or deleting nothing is no change. */
export function configChanges(overrides: Record<string, string>, request: AlterTopicConfigsRequest): ConfigChange[] {
  const changes = new Map<string, ConfigChange>()
  for (const name of request.delete) {
    const before = overrides[name] ?? null
    if (before !== null) changes.set(name, { name, before, after: null })
  }
  for (const [name, value] of Object.entries(request.set)) {
    const before = overrides[name] ?? null
    if (before !== value) changes.set(name, { name, before, after: value })
  }
  return [...changes.values()].sort((a, b) => a.name.localeCompare(b.name))
}

/** The overrides after the changes. */
export function applyChanges(
  overrides: Record<string, string>,
  changes: readonly ConfigChange[],
): Record<string, string> {
  const out = { ...overrides }
  for (const c of changes) {
    if (c.after === null) delete out[c.name]
    else out[c.name] = c.after
  }
  return out
}
