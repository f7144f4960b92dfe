// Pure (no imports): the create dialog checks names as the operator types, the server checks them again.

/** Kafka's limit (249): a partition directory is `<topic>-<partition>` and must fit in 255 bytes. */
export const MAX_TOPIC_NAME_LENGTH = 249
const LEGAL = /^[a-zA-Z0-9._-]+$/

/** Why Kafka would refuse this topic name, or null when it is legal (Kafka's own rules, from Topic.validate). */
export function topicNameProblem(name: string): string | null {
  if (name.length === 0) return 'A topic name must not be empty'
  if (name === '.' || name === '..') return `A topic cannot be named "${name}"`
  if (name.length > MAX_TOPIC_NAME_LENGTH)
    return `A topic name has at most ${MAX_TOPIC_NAME_LENGTH} characters (this one has ${name.length})`
  if (!LEGAL.test(name)) return 'A topic name may only contain ASCII letters, digits, ".", "_" and "-"'
  return null
}

/**
 * Kafka's metric names turn "." into "_", so "a.b" and "a_b" collide and Kafka refuses the second one. The existing
 * topic this name collides with, or null.
 */
export function collidingTopic(name: string, existing: readonly string[]): string | null {
  const folded = name.replaceAll('.', '_')
  return existing.find((t) => t !== name && t.replaceAll('.', '_') === folded) ?? null
}
