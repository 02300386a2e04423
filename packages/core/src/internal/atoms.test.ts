import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { calendarDate, calendarDateFrom, currency, line, money, text } from './atoms.js'
import { isCalendarDay, todayIn } from './calendar.js'

/** The message of the first issue, or 'ok' with the output. */
const check = (schema: v.GenericSchema, input: unknown) => {
  const result = v.safeParse(schema, input, { abortPipeEarly: true })
  return result.success ? { ok: result.output } : { issue: result.issues[0].message }
}

describe('calendar dates', () => {
  it.each(['2027-02-30', '2027-02-29', '2027-04-31', '2100-02-29'])(
    'refuses %s, a day that does not exist',
    (date) => {
      expect(isCalendarDay(date)).toBe(false)
      expect(check(calendarDate, date).issue).toBeDefined()
    },
  )

  it('accepts the days that exist, leap days included', () => {
    for (const date of ['2028-02-29', '2000-02-29', '2027-12-31', '2027-01-01']) {
      expect(check(calendarDate, date)).toEqual({ ok: date })
    }
  })

  it('refuses days outside 2000-01-01 … 2099-12-31, and other shapes', () => {
    expect(check(calendarDate, '0000-01-01').issue).toBe('must be 2000-01-01 or later')
    expect(check(calendarDate, '1926-06-01').issue).toBe('must be 2000-01-01 or later')
    expect(check(calendarDate, '1999-12-31').issue).toBe('must be 2000-01-01 or later')
    expect(check(calendarDate, '2100-01-01').issue).toBe('must be 2099-12-31 or earlier')
    expect(check(calendarDate, '2027-2-3').issue).toBe('must be a YYYY-MM-DD date')
    expect(check(calendarDate, '2027-02-30').issue).toBe(
      'must be a day that exists in the calendar',
    )
  })

  it('refuses a day before today where the date must not be past', () => {
    const fromToday = calendarDateFrom('2026-11-22')
    expect(check(fromToday, '2026-11-22')).toEqual({ ok: '2026-11-22' })
    expect(check(fromToday, '2026-11-21').issue).toBe('must be today (2026-11-22) or later')
    expect(check(fromToday, '2027-02-30').issue).toBe('must be a day that exists in the calendar')
  })

  it("knows today in the studio's time zone", () => {
    expect(todayIn('Asia/Shanghai', '2026-11-22T20:00:00.000Z')).toBe('2026-11-23')
    expect(todayIn('America/Los_Angeles', '2026-11-22T05:00:00.000Z')).toBe('2026-11-21')
    expect(todayIn('UTC', '2026-11-22T00:00:00.000Z')).toBe('2026-11-22')
  })
})

describe('currencies', () => {
  it('accepts the ISO 4217 codes in use', () => {
    for (const code of ['CNY', 'USD', 'EUR', 'JPY', 'HKD', 'GBP']) {
      expect(check(currency, code)).toEqual({ ok: code })
    }
    expect(check(money, { amount: 100, currency: 'CNY' })).toEqual({
      ok: { amount: 100, currency: 'CNY' },
    })
  })

  it('refuses codes ISO 4217 does not list, or no longer', () => {
    for (const code of ['ZZZ', 'ABC', 'XXX', 'XTS', 'DEM']) {
      expect(check(currency, code).issue).toBe(
        'must be an ISO 4217 currency code in use, such as CNY, USD or EUR',
      )
    }
    expect(check(currency, 'cny').issue).toBe('must be an ISO 4217 code in capitals, such as CNY')
    expect(check(money, { amount: 1, currency: 'ZZZ' }).issue).toBeDefined()
  })
})

describe('single-line text', () => {
  const name = line(120)

  it('stores one spelling: NFC, so precomposed and decomposed are the same name', () => {
    const nfd = 'Cafe\u0301 Lumie\u0300re 山海'
    const nfc = 'Caf\u00e9 Lumi\u00e8re 山海'
    expect(nfd).not.toBe(nfc)
    expect(check(name, nfd)).toEqual({ ok: nfc })
    expect(check(name, nfc)).toEqual({ ok: nfc })
    expect(check(name, '  Ha\u0308agen  ')).toEqual({ ok: 'H\u00e4agen' })
  })

  it.each([
    ['a line feed', 'Li\nMing'],
    ['a carriage return', 'Li\rMing'],
    ['a tab', 'Li\tMing'],
    ['a trailing newline', 'Li Ming\n'],
    ['a line separator', 'Li\u2028Ming'],
  ])('refuses %s', (_, value) => {
    expect(check(name, value).issue).toBe('must be one line: no line breaks or tabs')
  })

  it.each([
    ['an ANSI escape', 'Li \u001b[31mMing\u001b[0m'],
    ['a bell', 'Li\u0007Ming'],
    ['DEL', 'Li\u007fMing'],
    ['a C1 CSI', 'Li\u009b31mMing'],
  ])('refuses %s', (_, value) => {
    expect(check(name, value).issue).toBe(
      'must not contain control characters (such as ESC or other C0/C1 codes)',
    )
  })

  it.each([
    ['U+202E right-to-left override', 'invoice\u202Efdp.exe'],
    ['U+202D left-to-right override', 'a\u202Db'],
    ['U+202A embedding', 'a\u202Ab\u202C'],
    ['U+2066 isolate', 'a\u2066b\u2069'],
  ])('refuses %s', (_, value) => {
    expect(check(name, value).issue).toBe(
      'must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)',
    )
  })

  it.each([
    ['zero-width spaces', '\u200B\u200B'],
    ['a zero-width joiner and non-joiner', '\u200D\u200C'],
    ['a word joiner and BOM', '\u2060\uFEFF\u2060'],
    ['Hangul fillers', '\u3164\u3164'],
    ['spaces around a zero-width space', ' \u200B '],
  ])('refuses a name made only of %s', (_, value) => {
    expect(check(name, value).issue).toBe(
      'must contain a visible character, not only spaces or zero-width characters',
    )
  })

  it('keeps what real names use: joiners inside a word, marks, any script', () => {
    for (const ok of ['میخواهم', 'A\u200BB', '👩\u200D🎨 studio', 'עברית\u200F 2', '王设计']) {
      expect(check(name, ok)).toEqual({ ok: ok.normalize('NFC') })
    }
    expect(check(name, '   ').issue).toBe('must not be empty')
    expect(check(name, 'a\u0000b').issue).toBe('must not contain NUL or broken Unicode')
  })
})

describe('multi-line text', () => {
  const notes = text(2_000)

  it('keeps line breaks and tabs, and stores NFC', () => {
    expect(check(notes, 'line one\r\n\tline two\nCafe\u0301')).toEqual({
      ok: 'line one\r\n\tline two\nCaf\u00e9',
    })
    expect(check(notes, '')).toEqual({ ok: '' })
    expect(check(notes, 'RTL paragraph \u2067שלום\u2069')).toEqual({
      ok: 'RTL paragraph \u2067שלום\u2069',
    })
  })

  it('refuses control characters and text made only of invisible characters', () => {
    expect(check(notes, 'see \u001b]8;;https://evil.example\u0007here').issue).toBe(
      'must not contain control characters (such as ESC or other C0/C1 codes)',
    )
    expect(check(notes, '\u200B\n\u200B').issue).toBe(
      'must contain a visible character, not only spaces or zero-width characters',
    )
  })
})
