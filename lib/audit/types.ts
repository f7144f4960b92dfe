// No runtime imports: the browser (a later audit viewer, the action results) imports these as types.

/** Any JSON value: audit params are stored as JSON and read back as such. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** What was done. Known actions are listed; other features add theirs as plain strings. */
export type AuditAction =
  | 'group.reset-offsets'
  | 'group.delete'
  | 'group.delete-offsets'
  | 'topic.create'
  | 'topic.delete'
  | 'topic.alter-configs'
  | 'topic.purge'
  | 'topic.produce'
  | 'dlq.replay'
  | 'dlq.replay-cancel'
  | 'dlq.discard'
  | (string & {})

/** One audited action, as stored in the `<prefix>audit` topic (JSON, keyed by the target resource). */
export type AuditEntry = {
  id: string
  /** ISO timestamp of the action. */
  at: string
  /** Who did it: "anonymous" until Ferry has sign-in. */
  actor: string
  clusterId: string
  action: AuditAction
  target: { group?: string; topic?: string }
  /** The request and what it changed (e.g. offsets before and after), enough to undo it by hand. */
  params: JsonValue
  result: 'ok' | 'error'
  error?: string
  /** One line in words, e.g. "Reset offsets of group g on 3 partitions to earliest". */
  summary: string
}

/** Whether an action's audit record was written; a mutation reports this next to its own result. */
export type AuditStatus = { recorded: boolean; reason?: string }
