import * as v from 'valibot'
import { subjectFileSchema } from '../deliverable/deliverable-view.js'
import { named, timestamp } from '../internal/view-atoms.js'
import { createShareGrantSchema } from './grants.js'

/**
 * A share grant as a viewer sees it: who the files go to, which files (none to a third party
 * until the grant is active) and its status; `email` not for the third party.
 *
 * @example
 * const grant: GrantView = v.parse(grantViewSchema, {
 *   id: 'grt_…', party: { name: '李华' }, files: [], status: 'awaiting_consent',
 *   expiresAt: '2026-12-22T08:00:00.000Z',
 * })
 */
export const grantViewSchema = named(
  'GrantView',
  v.strictObject({
    id: v.string(),
    party: createShareGrantSchema.entries.party,
    email: v.optional(createShareGrantSchema.entries.email),
    purpose: createShareGrantSchema.entries.purpose,
    files: v.array(subjectFileSchema),
    status: v.picklist([
      'awaiting_consent',
      'awaiting_nda',
      'active',
      'declined',
      'revoked',
      'expired',
    ]),
    expiresAt: timestamp,
  }),
  "A third party's access to some files: live only after the client's consent (and an NDA on strict projects).",
)

/**
 * A share grant of a project view (see {@link grantViewSchema}).
 *
 * @example
 * const live = (view.grants ?? []).filter((g: GrantView) => g.status === 'active')
 */
export type GrantView = v.InferOutput<typeof grantViewSchema>
