import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS, limitSettingsOf } from './limit-settings'

describe('limitSettingsOf', () => {
  it('uses the defaults and takes positive integers from FERRY_LIMIT_*', () => {
    expect(limitSettingsOf({})).toEqual(DEFAULT_LIMITS)
    const s = limitSettingsOf({
      FERRY_LIMIT_SCANS_PER_CLUSTER: '3',
      FERRY_LIMIT_SCAN_BURST: '-1',
      FERRY_LIMIT_SLOT_WAIT_MS: 'x',
    })
    expect(s.scansPerCluster).toBe(3)
    expect(s.scanBurst).toBe(DEFAULT_LIMITS.scanBurst)
    expect(s.slotWaitMs).toBe(DEFAULT_LIMITS.slotWaitMs)
  })
})
