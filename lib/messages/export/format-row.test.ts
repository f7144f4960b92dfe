import { describe, expect, it } from 'vitest'
import { decodePayload } from '../decode/decode-payload'
import type { DecodedMessage } from '../types'
import { CSV_COLUMNS, csvField, csvHeader, csvRecord, exportedPayload, ndjsonLine } from './format-row'

const msg = (key: Uint8Array | null, value: Uint8Array | null, headers: [string, string][] = []): DecodedMessage => ({
  partition: 2,
  offset: '42',
  timestamp: Date.UTC(2026, 0, 2, 3, 4, 5, 6),
  timestampType: 'CreateTime',
  key: decodePayload(key),
  value: decodePayload(value),
  headers: headers.map(([k, v]) => ({ key: k, value: decodePayload(Buffer.from(v)) })),
  sizeBytes: 10,
})
const b = (s: string) => Buffer.from(s)

/** A minimal RFC 4180 reader: enough to check that what is written reads back the same. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += c
  }
  return rows
}

describe('exportedPayload', () => {
  it('keeps JSON structured, text as text, binary as base64, null as null', () => {
    expect(exportedPayload(decodePayload(b('{"a":[1,2]}')))).toEqual({ value: { a: [1, 2] }, format: 'json' })
    expect(exportedPayload(decodePayload(b('hello')))).toEqual({ value: 'hello', format: 'text' })
    expect(exportedPayload(decodePayload(Buffer.from([0xff, 0xfe, 0x00, 0x01])))).toEqual({
      value: '//4AAQ==',
      format: 'base64',
    })
    expect(exportedPayload(decodePayload(null))).toEqual({ value: null, format: 'null' })
    // A hex rendering asked for in the explorer still exports the bytes, not the display text.
    expect(exportedPayload(decodePayload(b('hi'), 'hex'))).toEqual({ value: 'aGk=', format: 'base64' })
  })
})

describe('ndjsonLine', () => {
  it('writes one line per message, newlines in values escaped', () => {
    const line = ndjsonLine(msg(b('k'), b('line 1\nline 2\r\n'), [['trace', 'x']]))
    expect(line.endsWith('\n')).toBe(true)
    expect(line.slice(0, -1)).not.toContain('\n')
    expect(JSON.parse(line)).toEqual({
      partition: 2,
      offset: '42',
      timestamp: Date.UTC(2026, 0, 2, 3, 4, 5, 6),
      timestampType: 'CreateTime',
      key: 'k',
      keyFormat: 'text',
      value: 'line 1\nline 2\r\n',
      valueFormat: 'text',
      headers: [{ key: 'trace', value: 'x', format: 'text' }],
    })
  })

  it('keeps JSON values as JSON and binary ones as base64', () => {
    const row = JSON.parse(ndjsonLine(msg(null, b('{"n":1.5,"s":"é"}'))))
    expect(row).toMatchObject({ key: null, keyFormat: 'null', value: { n: 1.5, s: 'é' }, valueFormat: 'json' })
    const bin = JSON.parse(ndjsonLine(msg(null, Buffer.from([0x80, 0x81]))))
    expect(bin).toMatchObject({ value: 'gIE=', valueFormat: 'base64' })
  })
})

describe('csv', () => {
  it('has a fixed header row', () => {
    expect(csvHeader()).toBe(`${CSV_COLUMNS.join(',')}\r\n`)
    expect(parseCsv(csvHeader())[0]).toEqual([...CSV_COLUMNS])
  })

  it('quotes quotes, commas and line breaks (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField('cr\rlf')).toBe('"cr\rlf"')
    const text = 'a "quoted", multi\r\nline, value'
    const rows = parseCsv(csvRecord(msg(b('k,1'), b(text))))
    expect(rows).toHaveLength(1)
    expect(rows[0]?.[5]).toBe('k,1')
    expect(rows[0]?.[7]).toBe(text)
  })

  it('guards cells that a spreadsheet would run as formulas', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=x', '\r=x'])
      expect(csvField(s).startsWith("'") || csvField(s).startsWith(`"'`)).toBe(true)
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvField('a=1')).toBe('a=1')
    const row = parseCsv(csvRecord(msg(b('=cmd'), b('-2'))))[0]
    expect(row?.[5]).toBe("'=cmd")
    expect(row?.[7]).toBe("'-2")
  })

  it('writes JSON values and headers as JSON text, binary as base64, null as empty', () => {
    const row = parseCsv(csvRecord(msg(null, b('{"a":"b,c"}'), [['h', 'v']])))[0]
    expect(row).toEqual([
      '2',
      '42',
      String(Date.UTC(2026, 0, 2, 3, 4, 5, 6)),
      '2026-01-02T03:04:05.006Z',
      'CreateTime',
      '',
      'null',
      '{"a":"b,c"}',
      'json',
      '[{"key":"h","value":"v","format":"text"}]',
    ])
    const bin = parseCsv(csvRecord(msg(null, Buffer.from([0xff, 0x00]))))[0]
    expect(bin?.[7]).toBe('/wA=')
    expect(bin?.[8]).toBe('base64')
  })
})
