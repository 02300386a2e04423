import * as v from 'valibot'
import { named, timestamp } from '../internal/view-atoms.js'
import { requestPortfolioConsentSchema } from './grants.js'

const { scope, embargoUntil, note } = requestPortfolioConsentSchema.entries

/**
 * A portfolio consent as a viewer sees it: what the studio may show, from when, and its status.
 *
 * @example
 * const consent: ConsentView = v.parse(consentViewSchema, {
 *   id: 'pfc_…', scope: ['website'], status: 'pending', signoffId: 'sgn_…',
 * })
 */
export const consentViewSchema = named(
  'ConsentView',
  v.strictObject({
    id: v.string(),
    scope,
    embargoUntil,
    note,
    status: v.picklist(['pending', 'granted', 'declined', 'revoked']),
    grantedAt: v.optional(timestamp),
    revokedAt: v.optional(timestamp),
    signoffId: v.string(),
  }),
  "The client's permission to show the work in the studio's portfolio; revocable.",
)

/**
 * A portfolio consent of a project view (see {@link consentViewSchema}).
 *
 * @example
 * const granted = (view.consents ?? []).some((c: ConsentView) => c.status === 'granted')
 */
export type ConsentView = v.InferOutput<typeof consentViewSchema>
