import * as v from 'valibot'
import { chainHeadSchema } from '../audit/chain-view.js'
import { subjectFileSchema } from '../deliverable/deliverable-view.js'
import { type Assert, int, named, type SameType, timestamp } from '../internal/view-atoms.js'
import { createProjectSchema } from '../project/project.js'
import { quoteSchema, resolutionMapSchema } from '../revision/round-view.js'
import { createStudioSchema } from '../studio/studio.js'
import type { PublicSigningKey, Receipt, ReceiptVerification } from './receipt.js'
import { decisionSchema, signoffPurposes } from './signoff.js'
import { partySchema, portfolioSchema } from './signoff-view.js'

/**
 * A signed receipt: what was approved, by whom and when, over exact files by sha256, with the
 * audit head, signed with Ed25519 over its canonical JSON.
 *
 * @example
 * const receipt: Receipt = v.parse(receiptSchema, await res.json())
 */
export const receiptSchema = named(
  'Receipt',
  v.strictObject({
    type: v.literal('atelier.receipt'),
    v: v.literal(1),
    id: v.string(),
    issuedAt: timestamp,
    studio: v.strictObject({ id: v.string(), name: createStudioSchema.entries.name }),
    project: v.strictObject({
      id: v.string(),
      codename: v.string(),
      title: v.optional(createProjectSchema.entries.title),
    }),
    signoff: v.strictObject({ id: v.string(), purpose: v.picklist(signoffPurposes) }),
    files: v.array(
      v.pick(subjectFileSchema, ['deliverableId', 'version', 'filename', 'bytes', 'sha256']),
    ),
    round: v.optional(int),
    quote: v.optional(quoteSchema),
    resolutions: v.optional(resolutionMapSchema),
    party: v.optional(partySchema),
    portfolio: v.optional(portfolioSchema),
    decision: v.strictObject({
      outcome: v.literal('approved'),
      name: decisionSchema.entries.name,
      at: timestamp,
      userAgent: v.optional(v.string()),
      ipHash: v.optional(v.string()),
    }),
    auditHead: chainHeadSchema,
    signature: v.strictObject({ alg: v.literal('Ed25519'), keyId: v.string(), value: v.string() }),
  }),
  'A signed receipt of an approval: exact files by sha256, the terms, the signer and the audit head.',
)

/**
 * A studio's published receipt-verification key.
 *
 * @example
 * const keys = v.parse(v.array(publicSigningKeySchema), body.items)
 */
export const publicSigningKeySchema = named(
  'PublicSigningKey',
  v.strictObject({ keyId: v.string(), publicKey: v.string() }),
  "A studio's published Ed25519 key (raw 32 bytes, base64url) that verifies its receipts.",
)

/**
 * The result of verifying a receipt against published keys and, optionally, the files.
 *
 * @example
 * const result = v.parse(receiptVerificationSchema, body.verification)
 */
export const receiptVerificationSchema = named(
  'ReceiptVerification',
  v.strictObject({
    valid: v.boolean(),
    signature: v.picklist(['valid', 'invalid', 'unknown_key', 'malformed']),
    files: v.array(
      v.strictObject({ filename: v.string(), sha256: v.string(), matched: v.boolean() }),
    ),
    unmatched: v.array(v.string()),
    problems: v.array(v.string()),
  }),
  'Whether a receipt is signed by a published key and which given files match it.',
)

// Core's receipt interfaces are exactly what the schemas describe.
type _ReceiptMatches = Assert<SameType<v.InferOutput<typeof receiptSchema>, Receipt>>
type _PublicKeyMatches = Assert<
  SameType<v.InferOutput<typeof publicSigningKeySchema>, PublicSigningKey>
>
type _VerificationMatches = Assert<
  SameType<v.InferOutput<typeof receiptVerificationSchema>, ReceiptVerification>
>
