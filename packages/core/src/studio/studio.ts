import * as v from 'valibot'
import { currency, expectedVersion, line, locale } from '../internal/atoms.js'

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

const origin = v.pipe(
  v.string(),
  v.check((s) => {
    try {
      const u = new URL(s)
      const local = u.hostname === 'localhost' || u.hostname === '127.0.0.1'
      return (u.protocol === 'https:' || (local && u.protocol === 'http:')) && u.origin === s
    } catch {
      return false
    }
  }, 'must be an origin such as https://studio.example (http only for localhost)'),
)

const settingsEntries = {
  locale,
  timezone: v.pipe(v.string(), v.check(isTimeZone, 'must be an IANA time zone')),
  currency,
  includedRounds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(20)),
  warrantyDays: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3650)),
  signoffTtlDays: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(90)),
  allowedOrigins: v.pipe(v.array(origin), v.maxLength(20)),
}

/** Defaults for a new studio (DESIGN.md §2 Tenancy). */
export const defaultStudioSettings = {
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
  currency: 'CNY',
  includedRounds: 2,
  warrantyDays: 30,
  signoffTtlDays: 14,
  allowedOrigins: [],
} as const satisfies Record<keyof typeof settingsEntries, unknown>

/** Studio settings; every field optional on input, defaults applied on create. */
export const studioSettingsSchema = v.strictObject({
  locale: v.optional(settingsEntries.locale, defaultStudioSettings.locale),
  timezone: v.optional(settingsEntries.timezone, defaultStudioSettings.timezone),
  currency: v.optional(settingsEntries.currency, defaultStudioSettings.currency),
  includedRounds: v.optional(settingsEntries.includedRounds, defaultStudioSettings.includedRounds),
  warrantyDays: v.optional(settingsEntries.warrantyDays, defaultStudioSettings.warrantyDays),
  signoffTtlDays: v.optional(settingsEntries.signoffTtlDays, defaultStudioSettings.signoffTtlDays),
  allowedOrigins: v.optional(settingsEntries.allowedOrigins, () => []),
})
export type StudioSettings = v.InferOutput<typeof studioSettingsSchema>

export const createStudioSchema = v.strictObject({
  name: line(120),
  settings: v.optional(studioSettingsSchema, {}),
})
export type CreateStudioInput = v.InferInput<typeof createStudioSchema>

export const updateStudioSchema = v.strictObject({
  version: expectedVersion,
  name: v.optional(line(120)),
  settings: v.optional(v.partial(v.strictObject(settingsEntries))),
})
export type UpdateStudioInput = v.InferInput<typeof updateStudioSchema>

/** One Ed25519 key a studio signs receipts with; retired keys keep verifying old receipts. */
export interface SigningKey {
  keyId: string
  /** Raw 32-byte public key, base64url. */
  publicKey: string
  /** Private key as JWK; only on the current key, never leaves the service. */
  privateKey?: JsonWebKey
  createdAt: string
  retiredAt?: string
}

/** The tenant. Every other record belongs to exactly one studio. */
export interface Studio {
  id: string
  name: string
  settings: StudioSettings
  signingKeys: SigningKey[]
  /** Random salt for hashing signer IP addresses in receipts; never returned. */
  ipSalt: string
  createdAt: string
  updatedAt: string
  version: number
}

/** The key receipts are signed with now. */
export function currentSigningKey(studio: Studio): SigningKey & { privateKey: JsonWebKey } {
  const key = studio.signingKeys.find((k) => !k.retiredAt && k.privateKey)
  if (!key?.privateKey) throw new Error(`studio ${studio.id} has no current signing key`)
  return key as SigningKey & { privateKey: JsonWebKey }
}
