import type { Locale } from './locale.js'

const cache = new Map<string, unknown>()

function cached<T>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined
  if (!f) {
    f = make()
    cache.set(key, f)
  }
  return f
}

const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const

/**
 * Locale-aware formatting through `Intl`, with the formatters cached (a tracker with hundreds
 * of dates builds each formatter once).
 *
 * @example
 * formatter('en').money({ amount: 120000, currency: 'CNY' }) // 'CN¥1,200.00'
 */
export function formatter(locale: Locale) {
  const dateFmt = (style: 'date' | 'dateTime') =>
    cached(`${locale}|${style}`, () =>
      style === 'date'
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })
        : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
    )
  const num = (key: string, options: Intl.NumberFormatOptions) =>
    cached(`${locale}|${key}`, () => new Intl.NumberFormat(locale, options))
  return {
    locale,
    /** A calendar date, e.g. 2026年11月22日 / Nov 22, 2026. */
    date: (iso: string) => dateFmt('date').format(new Date(iso)),
    /** A date with the time of day. */
    dateTime: (iso: string) => dateFmt('dateTime').format(new Date(iso)),
    /** Money given in minor units (fen, cents), in its currency's own number of decimals. */
    money(m: { amount: number; currency: string }) {
      const f = num(`c|${m.currency}`, { style: 'currency', currency: m.currency })
      return f.format(m.amount / 10 ** (f.resolvedOptions().maximumFractionDigits ?? 2))
    },
    /** A file size in decimal units: 980 bytes, 12.3 kB, 4.1 MB. */
    bytes(n: number) {
      let i = 0
      while (n >= 1000 && i < units.length - 1) {
        n /= 1000
        i++
      }
      const unit = units[i]!
      // 'short' bytes read "18 byte" in en; the long form reads "18 bytes" / "18字节".
      const display = i ? 'short' : 'long'
      return num(`b|${unit}`, {
        style: 'unit',
        unit,
        unitDisplay: display,
        maximumFractionDigits: 1,
      }).format(n)
    },
    /** A number of days: 12天 / 12 days. */
    days: (n: number) => num('d', { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(n),
  }
}

/** The formatter for one locale. */
export type Formatter = ReturnType<typeof formatter>

/** The short form of a sha256 shown next to a file: first 8 and last 4 hex digits. */
export function shortSha(sha256: string): string {
  return `${sha256.slice(0, 8)}…${sha256.slice(-4)}`
}

/**
 * Builds a locale's date formatters now. Constructing the first
 * `Intl.DateTimeFormat` of a page costs tens of milliseconds; the tracker does it while its
 * request is in flight so that rendering the answer does not.
 */
export function warm(f: Formatter): void {
  const now = new Date().toISOString()
  f.date(now)
  f.dateTime(now)
}
