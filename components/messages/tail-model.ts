// Pure: the live tail the explorer's controls ask for (partitions, filter and formats; the start is "now").
import { TAIL_LIMITS, type TailRequest } from '@/lib/messages/tail/types'
import type { ExplorerState } from './explorer-model'

export function toTailRequest(state: ExplorerState): { request: TailRequest } | { error: string } {
  const parts = state.partitions
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number)
  if (parts.some((p) => !Number.isInteger(p) || p < 0)) return { error: 'Partitions: numbers separated by commas' }
  return {
    request: {
      partitions: parts.length > 0 ? [...new Set(parts)] : undefined,
      filter:
        state.cel.trim() || state.contains
          ? { cel: state.cel.trim() || undefined, contains: state.contains || undefined }
          : undefined,
      keyFormat: state.keyFormat,
      valueFormat: state.valueFormat,
      maxMs: TAIL_LIMITS.maxMs,
    },
  }
}
