import * as v from 'valibot'

/** Schema atoms shared by the feature schemas. */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Text every storage can keep: no NUL character, no unpaired UTF-16 surrogate. */
const storable = v.check(
  (s: string) => !s.includes('\u0000') && !LONE_SURROGATE.test(s),
  'must not contain NUL or broken Unicode',
)

/** A non-empty, trimmed single-line text of at most `max` characters. */
export const line = (max = 200) =>
  v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(max), storable)

/** Free text (may be long, may contain newlines), trimmed, at most `max` characters. */
export const text = (max = 10_000) => v.pipe(v.string(), v.trim(), v.maxLength(max), storable)

/** An id with the given prefix, as minted by Atelier. */
export const idOf = (prefix: string) =>
  v.pipe(v.string(), v.regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), `must be a ${prefix}_… id`))

/** A positive integer version for optimistic concurrency. */
export const expectedVersion = v.pipe(v.number(), v.integer(), v.minValue(1))

/** ISO 4217 currency code. */
export const currency = v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'))

/** Money in minor units (fen, cents) with its currency. */
export const money = v.strictObject({
  amount: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
  currency,
})

/** A calendar date `YYYY-MM-DD`. */
export const calendarDate = v.pipe(v.string(), v.isoDate('must be a YYYY-MM-DD date'))

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

/** Who performs an operation, recorded in the audit chain. */
export interface Actor {
  kind: 'staff' | 'client' | 'signer' | 'third_party' | 'system'
  id: string
  label: string
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
}

/** An API key (`key`) or client token (`client_token`) by id. */
export interface CredentialRef {
  kind: 'key' | 'client_token'
  id: string
}
