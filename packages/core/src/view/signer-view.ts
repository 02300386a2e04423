import * as v from 'valibot'
import { named } from '../internal/view-atoms.js'
import { receiptSchema } from '../sign-off/receipt-view.js'
import { signoffViewSchema } from '../sign-off/signoff-view.js'
import { createStudioSchema } from '../studio/studio.js'
import { projectViewSchema } from './project-view.js'

/**
 * What a signer sees on opening a sign-off link: the studio asking, the project as the signer's
 * projection, their sign-off, and the receipt once approved.
 *
 * @example
 * const view: SignerView = v.parse(signerViewSchema, await res.json())
 */
export const signerViewSchema = named(
  'SignerView',
  v.strictObject({
    studio: v.pipe(
      v.strictObject({ id: v.string(), name: createStudioSchema.entries.name }),
      v.description('The studio asking for the sign-off.'),
    ),
    project: projectViewSchema,
    signoff: signoffViewSchema,
    receipt: v.optional(receiptSchema),
  }),
  'What the holder of a sign-off link sees: the project as their projection, and their sign-off.',
)

/**
 * What a signer sees (see {@link signerViewSchema}).
 *
 * @example
 * const approved = (view: SignerView) => view.signoff.status === 'approved'
 */
export type SignerView = v.InferOutput<typeof signerViewSchema>
