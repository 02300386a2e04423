import * as v from 'valibot'
import { isCalendarDay } from './calendar.js'

/**
 * Schema atoms shared by the feature schemas. The input rules are decided here, once, and
 * every input that takes text, a date or a currency uses these pieces (the API docs say the
 * same rules in "Input rules"):
 * - text is refused, never silently repaired, when it holds NUL, broken Unicode or control
 *   characters; it is stored in Unicode NFC, so two spellings of one name are one value;
 * - single-line text (names, titles, file names) also refuses line breaks, tabs and the
 *   bidirectional embedding, override and isolate controls, and needs a visible character;
 * - dates are days that exist, from 2000-01-01 to 2099-12-31;
 * - currencies are the ISO 4217 codes in use, as the runtime's `Intl` lists them.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
/** Control characters (C0, DEL, C1; ANSI escapes start with ESC or CSI) but tab, LF and CR. */
const CONTROL = /[^\P{Cc}\t\n\r]/u
/** What a single line may not hold besides {@link CONTROL}: tab, line and paragraph breaks. */
const LINE_BREAK = /[\t\n\r\u2028\u2029]/
/** Bidi embeddings, overrides, isolates (LRE…RLO, LRI…PDI): after RLO `fdp.exe` reads `exe.pdf`. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/
/** Anything but white space and default-ignorables (zero-width spaces and joiners, fillers). */
const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}]/u

/** Text every storage can keep: no NUL character, no unpaired UTF-16 surrogate. */
const storable = v.check(
  (s: string) => !s.includes('\u0000') && !LONE_SURROGATE.test(s),
  'must not contain NUL or broken Unicode',
)

/** One spelling per text: canonical composition (NFC), so `é` and `e` + U+0301 are one name. */
const nfc = v.transform((s: string) => s.normalize('NFC'))

const noControls = v.check(
  (s: string) => !CONTROL.test(s),
  'must not contain control characters (such as ESC or other C0/C1 codes)',
)

const visible = v.check(
  (s: string) => s === '' || VISIBLE.test(s),
  'must contain a visible character, not only spaces or zero-width characters',
)

/**
 * A non-empty, trimmed single line of at most `max` characters (after NFC): no line breaks,
 * tabs, control or bidirectional control characters, and at least one visible character.
 *
 * @example
 * v.parse(line(120), 'Cafe\u0301 Lumie\u0300re') // 'Café Lumière' (NFC)
 */
export const line = (max = 200) =>
  v.pipe(
    v.string(),
    storable,
    nfc,
    v.check((s) => !LINE_BREAK.test(s), 'must be one line: no line breaks or tabs'),
    noControls,
    v.check(
      (s) => !BIDI_CONTROL.test(s),
      'must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069)',
    ),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    visible,
    v.maxLength(max),
  )

/**
 * Free text (may be long, may hold line breaks and tabs), trimmed, NFC, at most `max`
 * characters; no other control characters; when not empty, at least one visible character.
 *
 * @example
 * v.parse(text(2_000), 'line one\nline two')
 */
export const text = (max = 10_000) =>
  v.pipe(v.string(), storable, nfc, noControls, v.trim(), visible, v.maxLength(max))

/** An id with the given prefix, as minted by Atelier. */
export const idOf = (prefix: string) =>
  v.pipe(v.string(), v.regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), `must be a ${prefix}_… id`))

/** A positive integer version for optimistic concurrency. */
export const expectedVersion = v.pipe(v.number(), v.integer(), v.minValue(1))

let currencies: ReadonlySet<string> | undefined

/**
 * An ISO 4217 currency code in use (`CNY`, `USD`, `EUR`…), upper case: one of the runtime's
 * `Intl.supportedValuesOf('currency')` (ICU's copy of the ISO list; Node 24 lists 162 codes and
 * leaves out `XXX`, `XTS` and withdrawn ones such as `DEM`).
 *
 * @example
 * v.parse(currency, 'ZZZ') // throws: must be an ISO 4217 currency code in use…
 */
export const currency = v.pipe(
  v.string(),
  v.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in capitals, such as CNY'),
  v.check((code) => {
    currencies ??= new Set(Intl.supportedValuesOf('currency'))
    return currencies.has(code)
  }, 'must be an ISO 4217 currency code in use, such as CNY, USD or EUR'),
)

/** Money in minor units (fen, cents) with its currency. */
export const money = v.strictObject({
  amount: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
  currency,
})

/** The days a calendar date may name: a date outside them is a typo, never a project's. */
export const calendarDates = { min: '2000-01-01', max: '2099-12-31' } as const

/**
 * A calendar date `YYYY-MM-DD`: a day that exists (no `2027-02-30`), from 2000-01-01 to
 * 2099-12-31.
 *
 * @example
 * v.parse(calendarDate, '2028-02-29')
 */
export const calendarDate = v.pipe(
  v.string(),
  v.isoDate('must be a YYYY-MM-DD date'),
  v.check(isCalendarDay, 'must be a day that exists in the calendar'),
  v.minValue(calendarDates.min, `must be ${calendarDates.min} or later`),
  v.maxValue(calendarDates.max, `must be ${calendarDates.max} or earlier`),
)

/**
 * A calendar date on or after `today` (`YYYY-MM-DD`), for dates that must not be in the past.
 *
 * @example
 * v.parse(calendarDateFrom('2026-11-22'), '2026-11-21') // throws
 */
export const calendarDateFrom = (today: string) =>
  v.pipe(calendarDate, v.minValue(today, `must be today (${today}) or later`))

/** An ISO-8601 instant; normalised to UTC with milliseconds. */
export const instant = v.pipe(
  v.string(),
  v.isoTimestamp('must be an ISO-8601 timestamp'),
  v.transform((s) => new Date(s).toISOString()),
)

/** Lower-case hex SHA-256. */
export const sha256 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be a hex sha256'))

/** A supported locale. */
export const locale = v.picklist(['zh-CN', 'en'])
export type Locale = v.InferOutput<typeof locale>

/** A point on a file preview, 0..1 from the top-left, with an optional page. */
export const pin = v.strictObject({
  x: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  y: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  page: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
})

/** A reference to one version of one deliverable. */
export const fileRef = v.strictObject({
  deliverableId: idOf('dlv'),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
})
export type FileRef = v.InferOutput<typeof fileRef>

/** An e-mail address, trimmed, at most 254 characters. */
export const email = v.pipe(
  v.string(),
  v.trim(),
  v.email('must be an email address'),
  v.maxLength(254),
)

/** A member's (or a secret key's) role in a studio, from the most to the least trusted. */
export const roles = ['owner', 'manager', 'designer', 'viewer'] as const
export type Role = (typeof roles)[number]

/**
 * Who performs an operation, recorded in the audit chain: a studio `member` (a person, by
 * name), `staff` (an API key, by label), the `client`, a `signer` or `third_party` through a
 * link, or the `system` (the command line, the server itself).
 */
export interface Actor {
  kind: 'member' | 'staff' | 'client' | 'signer' | 'third_party' | 'system'
  id: string
  label: string
}

/**
 * Whether an actor speaks for the studio (a member, a key, the system), not for a client, a
 * signer or a third party.
 *
 * @example
 * isStudioActor({ kind: 'member', id: 'mem_…', label: '王' }) // true
 */
export function isStudioActor(actor: Actor): boolean {
  return actor.kind === 'member' || actor.kind === 'staff' || actor.kind === 'system'
}

/** The studio an operation runs in and who runs it. Every studio-owned operation takes one. */
export interface Scope {
  studioId: string
  actor: Actor
  /**
   * The credential the request came with (an API key or a client token, by id). When present,
   * every transaction of the operation first checks, inside itself, that it is still live
   * (not revoked, not expired), so a revoked credential is refused on the very next request
   * without a transaction of its own.
   */
  credential?: CredentialRef
  /**
   * The role the actor acts in (a member's, a key's). Operations check it against the
   * permission table; a `staff` actor without one acts as the owner (a developer's own code).
   */
  role?: Role
}

/**
 * An API key (`key`), a client token (`client_token`) or a studio member (`member`, signed in)
 * by id.
 */
export interface CredentialRef {
  kind: 'key' | 'client_token' | 'member'
  id: string
}
