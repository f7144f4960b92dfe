import { describe, expect, it } from 'vitest'
import { MaskingRulesSchema } from '@/lib/config/masking-schema'
import { compileRules } from '@/lib/masking/compile-rules'
import { maskMessage } from '@/lib/masking/mask-message'
import type { DecodedMessage } from '@/lib/messages/types'
import { MASKED_TEXT, maskErrorText } from './mask-error-text'

const maskerOf = (rules: unknown) => {
  const compiled = compileRules(MaskingRulesSchema.parse(rules))
  return (m: DecodedMessage) => maskMessage(m, compiled)
}
const text = { type: 'com.acme.CardRejected', message: 'card 4111111111111111 rejected' }

describe('maskErrorText', () => {
  it('leaves the text alone without rules or when the rules miss its headers', () => {
    expect(maskErrorText(text, null, 'spring')).toEqual(text)
    const other = maskerOf([{ topics: ['*'], headers: { names: ['authorization'] } }])
    expect(maskErrorText(text, other, 'spring')).toEqual(text)
    expect(maskErrorText(text, other)).toEqual(text)
  })

  it('hides the message when its header is masked or removed, the type when its header is', () => {
    const mask = maskerOf([{ topics: ['*'], headers: { names: ['kafka_dlt-exception-message'] } }])
    expect(maskErrorText(text, mask, 'spring')).toEqual({ type: text.type, message: MASKED_TEXT })
    // Other styles read other headers.
    expect(maskErrorText(text, mask, 'connect')).toEqual(text)
    const remove = maskerOf([{ topics: ['*'], headers: { names: ['__connect.errors.*'], action: 'remove' } }])
    expect(maskErrorText(text, remove, 'connect')).toEqual({ type: MASKED_TEXT, message: MASKED_TEXT })
    // A group of unknown style: any style's carrier hidden hides it (fail closed).
    expect(maskErrorText(text, remove)).toEqual({ type: MASKED_TEXT, message: MASKED_TEXT })
  })

  it('applies value rules to envelope error fields, including regexes', () => {
    const path = maskerOf([{ topics: ['*'], value: { jsonPaths: ['$.error.message'] } }])
    expect(maskErrorText(text, path, 'envelope')).toEqual({ type: text.type, message: MASKED_TEXT })
    const regex = maskerOf([{ topics: ['*'], value: { regex: '\\d{12}(\\d{4})' } }])
    expect(maskErrorText(text, regex, 'envelope')).toEqual({ type: text.type, message: MASKED_TEXT })
    expect(maskErrorText({ type: text.type, message: 'timeout' }, regex, 'envelope')).toEqual({
      type: text.type,
      message: 'timeout',
    })
    const whole = maskerOf([{ topics: ['*'], value: { action: 'mask' } }])
    expect(maskErrorText(text, whole, 'envelope')).toEqual({ type: MASKED_TEXT, message: MASKED_TEXT })
    // Header-style dead letters keep their error in headers: value rules do not touch it.
    expect(maskErrorText(text, whole, 'spring')).toEqual(text)
  })
})
