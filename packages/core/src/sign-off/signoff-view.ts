import * as v from 'valibot'
import { subjectFileSchema } from '../deliverable/deliverable-view.js'
import { calendarDate } from '../internal/atoms.js'
import { type Assert, int, named, type SameType, timestamp } from '../internal/view-atoms.js'
import { quoteSchema, resolutionMapSchema } from '../revision/round-view.js'
import { createShareGrantSchema } from '../sharing/grants.js'
import {
  createSignoffSchema,
  decisionSchema,
  effectiveStatus,
  outcomes,
  type Signoff,
  type SignoffSubject,
  signerSchema,
  signoffPurposes,
} from './signoff.js'

/**
 * Who files go to, for share consent and NDA sign-offs.
 *
 * @example
 * v.parse(partySchema, { name: '李华', organisation: 'Print Co.', email: 'li@print.example' })
 */
export const partySchema = v.strictObject({
  ...createShareGrantSchema.entries.party.entries,
  email: createShareGrantSchema.entries.email,
})

/**
 * What a portfolio consent covers: where the work may be shown, and from when.
 *
 * @example
 * v.parse(portfolioSchema, { scope: ['website'], embargoUntil: '2027-06-01' })
 */
export const portfolioSchema = v.strictObject({
  scope: v.array(v.string()),
  embargoUntil: v.optional(calendarDate),
})

/**
 * A sign-off (确认) as a viewer sees it: the exact files and terms it is about, its status
 * (pending past expiry reads `expired`) and the decision; `signer` and the decision's `via`,
 * `userAgent` and `ipHash` only for staff.
 *
 * @example
 * const signoff: SignoffView = v.parse(signoffViewSchema, {
 *   id: 'sgn_…', purpose: 'proposal', status: 'pending', files: [],
 *   expiresAt: '2026-12-06T08:00:00.000Z', createdAt: '2026-11-22T08:00:00.000Z',
 * })
 */
export const signoffViewSchema = named(
  'SignoffView',
  v.strictObject({
    id: v.string(),
    purpose: v.picklist(signoffPurposes),
    status: v.picklist(['pending', ...outcomes, 'revoked', 'superseded', 'expired']),
    expiresAt: timestamp,
    createdAt: timestamp,
    files: v.array(subjectFileSchema),
    round: v.optional(int),
    quote: v.optional(quoteSchema),
    resolutions: v.optional(resolutionMapSchema),
    party: v.optional(partySchema),
    portfolio: v.optional(portfolioSchema),
    message: createSignoffSchema.entries.message,
    signer: v.optional(signerSchema),
    requestedBy: v.optional(
      v.pipe(
        v.strictObject({ kind: v.picklist(['member', 'staff']), label: v.string() }),
        v.description('Who in the studio sent it: a member by name, a key by label. Staff only.'),
      ),
    ),
    decision: v.optional(
      v.strictObject({
        outcome: decisionSchema.entries.outcome,
        name: decisionSchema.entries.name,
        comment: decisionSchema.entries.comment,
        items: decisionSchema.entries.items,
        at: timestamp,
        via: v.optional(v.picklist(['link', 'client'])),
        userAgent: v.optional(v.string()),
        ipHash: v.optional(v.string()),
      }),
    ),
    receiptId: v.optional(v.string()),
  }),
  'A sign-off (确认): a request bound to exact files, its status and the decision.',
)

/**
 * A sign-off of a project view (see {@link signoffViewSchema}).
 *
 * @example
 * const pending = (view.signoffs ?? []).filter((s: SignoffView) => s.status === 'pending')
 */
export type SignoffView = v.InferOutput<typeof signoffViewSchema>

// Core's `SignoffSubject` parts are exactly what the schemas describe.
type _PartyMatches = Assert<
  SameType<v.InferOutput<typeof partySchema>, NonNullable<SignoffSubject['party']>>
>
type _PortfolioMatches = Assert<
  SameType<v.InferOutput<typeof portfolioSchema>, NonNullable<SignoffSubject['portfolio']>>
>

/**
 * A sign-off as a viewer sees it: its effective status (`expired` once past its expiry), never the token hash.
 *
 * @example
 * signoffView(signoff, true, now).status // 'pending' | 'expired' | …
 */
export function signoffView(s: Signoff, staff: boolean, now: string): SignoffView {
  const { subject, decision } = s
  return {
    id: s.id,
    purpose: s.purpose,
    status: effectiveStatus(s, now),
    expiresAt: s.expiresAt,
    createdAt: s.createdAt,
    files: subject.files,
    ...(subject.round !== undefined && { round: subject.round }),
    ...(subject.quote && { quote: subject.quote }),
    ...(subject.resolutions && { resolutions: subject.resolutions }),
    ...(subject.party && { party: subject.party }),
    ...(subject.portfolio && { portfolio: subject.portfolio }),
    ...(s.message && { message: s.message }),
    ...(staff && s.signer && { signer: s.signer }),
    ...(staff &&
      s.requestedBy && { requestedBy: { kind: s.requestedBy.kind, label: s.requestedBy.label } }),
    ...(decision && {
      decision: staff
        ? decision
        : {
            outcome: decision.outcome,
            name: decision.name,
            at: decision.at,
            ...(decision.comment && { comment: decision.comment }),
            ...(decision.items && { items: decision.items }),
          },
    }),
    ...(s.receiptId && { receiptId: s.receiptId }),
  }
}
