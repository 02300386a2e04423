import * as v from 'valibot'
import { calendarDate, calendarDateFrom, fileRef, idOf, line, text } from '../internal/atoms.js'
import type { SubjectFile } from '../project/project.js'

/** A third party's access to some files, live only after the client's consent (and NDA on strict). */
export interface ShareGrant {
  id: string
  studioId: string
  projectId: string
  party: { name: string; organisation?: string }
  email: string
  purpose?: string
  files: SubjectFile[]
  expiresAt: string
  consentSignoffId: string
  consent: 'pending' | 'approved' | 'declined'
  ndaSignoffId?: string
  nda: 'not_required' | 'pending' | 'approved' | 'declined'
  tokenHash: string
  revokedAt?: string
  createdAt: string
  updatedAt: string
  version: number
}

export type GrantStatus =
  | 'awaiting_consent'
  | 'awaiting_nda'
  | 'active'
  | 'declined'
  | 'revoked'
  | 'expired'

/** A grant's status derived from its consent, NDA, revocation and expiry. */
export function grantStatus(grant: ShareGrant, now: string): GrantStatus {
  if (grant.revokedAt) return 'revoked'
  if (grant.consent === 'declined' || grant.nda === 'declined') return 'declined'
  if (now >= grant.expiresAt) return 'expired'
  if (grant.consent === 'pending') return 'awaiting_consent'
  if (grant.nda === 'pending') return 'awaiting_nda'
  return 'active'
}

export const portfolioScopes = ['website', 'social', 'print', 'awards', 'press'] as const

/** The client's permission to show the work in the studio's portfolio; revocable. */
export interface PortfolioConsent {
  id: string
  studioId: string
  projectId: string
  scope: (typeof portfolioScopes)[number][]
  embargoUntil?: string
  note?: string
  signoffId: string
  status: 'pending' | 'granted' | 'declined' | 'revoked'
  grantedAt?: string
  revokedAt?: string
  createdAt: string
  updatedAt: string
  version: number
}

export const createShareGrantSchema = v.strictObject({
  projectId: idOf('prj'),
  party: v.strictObject({ name: line(120), organisation: v.optional(line(160)) }),
  email: v.pipe(v.string(), v.trim(), v.email('must be an email address')),
  purpose: v.optional(text(1_000)),
  files: v.pipe(v.array(fileRef), v.minLength(1, 'needs at least one file'), v.maxLength(100)),
  expiresInDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365)), 30),
})
export type CreateShareGrantInput = v.InferInput<typeof createShareGrantSchema>

export const requestPortfolioConsentSchema = v.strictObject({
  projectId: idOf('prj'),
  scope: v.pipe(
    v.array(v.picklist(portfolioScopes)),
    v.minLength(1),
    v.maxLength(portfolioScopes.length),
  ),
  embargoUntil: v.optional(calendarDate),
  note: v.optional(text(1_000)),
})
export type RequestPortfolioConsentInput = v.InferInput<typeof requestPortfolioConsentSchema>

/**
 * The embargo date against the studio's calendar: today or later in the studio's time zone
 * (an embargo that has already ended promises the client nothing and is a typo). The schema
 * above checks the date alone; the service checks this too, with today from its clock.
 *
 * @example
 * v.parse(embargoOn('2026-11-22'), { embargoUntil: '1926-11-22' }) // throws
 */
export const embargoOn = (today: string) =>
  v.object({ embargoUntil: v.optional(calendarDateFrom(today)) })

/** An access-log entry: who looked at or downloaded what on a confidential project. */
export interface AccessLogEntry {
  id: string
  studioId: string
  projectId: string
  at: string
  viewer: { kind: 'client' | 'signer' | 'third_party'; id: string }
  action: 'view' | 'download'
  file?: { deliverableId: string; version: number }
}
