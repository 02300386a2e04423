/** Calendar days as `YYYY-MM-DD` strings, which sort and compare as text. */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * True when `s` is `YYYY-MM-DD` naming a day that exists in the Gregorian calendar
 * (`2028-02-29` does, `2027-02-29` and `2027-04-31` do not).
 *
 * @example
 * isCalendarDay('2027-02-30') // false
 */
export function isCalendarDay(s: string): boolean {
  const m = DAY.exec(s)
  if (!m) return false
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const t = new Date(0)
  t.setUTCFullYear(year, month - 1, day)
  return t.getUTCFullYear() === year && t.getUTCMonth() === month - 1 && t.getUTCDate() === day
}

/**
 * Today's date in an IANA time zone at the instant `now`, as `YYYY-MM-DD`.
 *
 * @example
 * todayIn('Asia/Shanghai', '2026-11-22T20:00:00.000Z') // '2026-11-23'
 */
export function todayIn(timeZone: string, now: string): string {
  const parts = new Intl.DateTimeFormat('en', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(now))
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`
}
