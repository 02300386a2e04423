import * as v from 'valibot'
import { type Actor, expectedVersion, fileRef, idOf, line, text } from '../internal/atoms.js'
import type { SubjectFile } from '../project/project.js'
import {
  type ItemInput,
  itemsSchema,
  type Quote,
  type ResolutionMap,
} from '../revision/revision.js'

/** What a sign-off is for (DESIGN.md §2 Sign-off). */
export const signoffPurposes = [
  'proposal',
  'review',
  'final',
  'change_order',
  'share_consent',
  'portfolio_consent',
  'nda',
] as const
export type SignoffPurpose = (typeof signoffPurposes)[number]

export const outcomes = ['approved', 'changes_requested', 'declined'] as const
export type Outcome = (typeof outcomes)[number]

/** Purposes about files, where a signer may ask for changes; the others are yes or no. */
export const purposesAllowingChanges: readonly SignoffPurpose[] = [
  'proposal',
  'review',
  'final',
  'change_order',
]

/** Purposes decided by the client (shown in the tracker); `nda` is signed by a third party. */
export const clientPurposes: readonly SignoffPurpose[] = [
  'proposal',
  'review',
  'final',
  'change_order',
  'share_consent',
  'portfolio_consent',
]

export type SignoffStatus = 'pending' | Outcome | 'revoked' | 'superseded'

/** The exact thing being signed: files by sha256, and the round, quote or grant it concerns. */
export interface SignoffSubject {
  files: SubjectFile[]
  round?: number
  quote?: Quote
  resolutions?: ResolutionMap
  grantId?: string
  consentId?: string
  /** For share consent and NDA: who the files go to. */
  party?: { name: string; organisation?: string; email: string }
  /** For portfolio consent. */
  portfolio?: { scope: string[]; embargoUntil?: string }
}

/** A signer's decision, as recorded. */
export interface Decision {
  outcome: Outcome
  name: string
  comment?: string
  items?: ItemInput[]
  at: string
  userAgent?: string
  ipHash?: string
  /** How the decision arrived: through the sign-off link or the client's tracker. */
  via: 'link' | 'client'
}

export interface Signoff {
  id: string
  studioId: string
  projectId: string
  purpose: SignoffPurpose
  subject: SignoffSubject
  signer?: { name?: string; email?: string }
  message?: string
  /** Who in the studio sent it (a member by name, a key by label): shown to staff only. */
  requestedBy?: Actor & { kind: 'member' | 'staff' }
  tokenHash: string
  expiresAt: string
  status: SignoffStatus
  decision?: Decision
  receiptId?: string
  createdAt: string
  updatedAt: string
  version: number
}

export const signerSchema = v.strictObject({
  name: v.optional(line(120)),
  email: v.optional(v.pipe(v.string(), v.trim(), v.email('must be an email address'))),
})

/** Creating a file sign-off (proposal, review). A final review is `projects.submitForReview`; the other purposes are created by their feature. */
export const createSignoffSchema = v.strictObject({
  projectId: idOf('prj'),
  purpose: v.picklist(['proposal', 'review']),
  files: v.pipe(v.array(fileRef), v.minLength(1, 'needs at least one file'), v.maxLength(100)),
  signer: v.optional(signerSchema),
  message: v.optional(text(2_000)),
  ttlDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(90))),
})
export type CreateSignoffInput = v.InferInput<typeof createSignoffSchema>

export const decisionSchema = v.strictObject({
  outcome: v.picklist(outcomes),
  /** The signer's name, typed by them. */
  name: line(120),
  comment: v.optional(text(5_000)),
  items: v.optional(itemsSchema),
})
export type DecisionInput = v.InferInput<typeof decisionSchema>

/** Where a decision came from, for the receipt. Only a hash of the IP is kept. */
export interface DecisionContext {
  userAgent?: string
  ip?: string
}

/** True when a pending sign-off is past its expiry. */
export function isExpired(signoff: Signoff, now: string): boolean {
  return signoff.status === 'pending' && now >= signoff.expiresAt
}

/** The status as a reader sees it: pending sign-offs past expiry read as `expired`. */
export function effectiveStatus(signoff: Signoff, now: string): SignoffStatus | 'expired' {
  return isExpired(signoff, now) ? 'expired' : signoff.status
}

/** Work put before the client for final review: the files, the signer, a message. */
export const submitForReviewSchema = v.strictObject({
  id: idOf('prj'),
  version: expectedVersion,
  /** Defaults to the newest version of every client-visible design and final deliverable. */
  files: v.optional(v.pipe(v.array(fileRef), v.minLength(1), v.maxLength(100))),
  signer: v.optional(signerSchema),
  message: v.optional(text(2_000)),
  ttlDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(90))),
})
export type SubmitForReviewInput = v.InferInput<typeof submitForReviewSchema>
