import { createClientSchema, studioSettingsSchema } from '@atelier/core'
import * as v from 'valibot'
import {
  int,
  named,
  opt,
  partySchema,
  portfolioSchema,
  quoteSchema,
  resolutionMapSchema,
  str,
} from './common.js'
import { enums } from './enums.js'
import { projectViewSchema } from './project-view.js'
import { signoffViewSchema } from './workflow-views.js'

/** Response schemas of core's record projections, audit, receipts and problems. */

/**
 * Response schema part: `studioViewSchema`.
 *
 * @example
 * v.parse(studioViewSchema, value)
 */
export const studioViewSchema = named(
  'Studio',
  v.strictObject({
    id: str,
    name: str,
    settings: v.required(studioSettingsSchema),
    signingKeys: v.array(
      v.strictObject({ keyId: str, publicKey: str, createdAt: str, retiredAt: opt(str) }),
    ),
    createdAt: str,
    updatedAt: str,
    version: int,
  }),
)

/**
 * Response schema part: `apiKeyViewSchema`.
 *
 * @example
 * v.parse(apiKeyViewSchema, value)
 */
export const apiKeyViewSchema = named(
  'ApiKey',
  v.strictObject({
    id: str,
    kind: v.picklist(['secret', 'publishable']),
    label: str,
    hint: str,
    createdAt: str,
    revokedAt: opt(str),
    version: int,
  }),
)

/**
 * Response schema part: `clientTokenViewSchema`.
 *
 * @example
 * v.parse(clientTokenViewSchema, value)
 */
export const clientTokenViewSchema = named(
  'ClientToken',
  v.strictObject({
    id: str,
    clientId: str,
    kind: v.picklist(['session', 'access_link']),
    hint: str,
    createdAt: str,
    expiresAt: str,
    revokedAt: opt(str),
    version: int,
  }),
)

/**
 * Response schema part: `clientViewSchema`.
 *
 * @example
 * v.parse(clientViewSchema, value)
 */
export const clientViewSchema = named(
  'Client',
  v.strictObject({
    ...createClientSchema.entries,
    id: str,
    createdAt: str,
    updatedAt: str,
    version: int,
  }),
)

const actorSchema = v.strictObject({
  kind: v.picklist(['staff', 'client', 'signer', 'third_party', 'system']),
  id: str,
  label: str,
})

/**
 * Response schema part: `auditEventSchema`.
 *
 * @example
 * v.parse(auditEventSchema, value)
 */
export const auditEventSchema = named(
  'AuditEvent',
  v.strictObject({
    studioId: str,
    projectId: str,
    seq: int,
    at: str,
    actor: actorSchema,
    action: str,
    data: v.record(str, v.unknown()),
    visibility: v.picklist(['client', 'internal']),
    prevHash: str,
    hash: str,
  }),
)

const chainHeadSchema = v.strictObject({ seq: int, hash: str })

/**
 * Response schema part: `chainVerificationSchema`.
 *
 * @example
 * v.parse(chainVerificationSchema, value)
 */
export const chainVerificationSchema = named(
  'ChainVerification',
  v.variant('valid', [
    v.strictObject({ valid: v.literal(true), head: opt(chainHeadSchema), count: int }),
    v.strictObject({
      valid: v.literal(false),
      seq: int,
      problem: v.picklist([
        'edited',
        'broken_link',
        'out_of_sequence',
        'foreign',
        'anchor_mismatch',
      ]),
      message: str,
    }),
  ]),
)

/**
 * Response schema part: `publicKeySchema`.
 *
 * @example
 * v.parse(publicKeySchema, value)
 */
export const publicKeySchema = named(
  'PublicSigningKey',
  v.strictObject({ keyId: str, publicKey: str }),
)

/**
 * Response schema part: `receiptSchema`.
 *
 * @example
 * v.parse(receiptSchema, value)
 */
export const receiptSchema = named(
  'Receipt',
  v.strictObject({
    type: v.literal('atelier.receipt'),
    v: v.literal(1),
    id: str,
    issuedAt: str,
    studio: v.strictObject({ id: str, name: str }),
    project: v.strictObject({ id: str, codename: str, title: opt(str) }),
    signoff: v.strictObject({ id: str, purpose: enums.purpose }),
    files: v.array(
      v.strictObject({ deliverableId: str, version: int, filename: str, bytes: int, sha256: str }),
    ),
    round: opt(int),
    quote: opt(quoteSchema),
    resolutions: opt(resolutionMapSchema),
    party: opt(partySchema),
    portfolio: opt(portfolioSchema),
    decision: v.strictObject({
      outcome: v.literal('approved'),
      name: str,
      at: str,
      userAgent: opt(str),
      ipHash: opt(str),
    }),
    auditHead: chainHeadSchema,
    signature: v.strictObject({ alg: v.literal('Ed25519'), keyId: str, value: str }),
  }),
)

/**
 * Response schema part: `receiptVerificationSchema`.
 *
 * @example
 * v.parse(receiptVerificationSchema, value)
 */
export const receiptVerificationSchema = named(
  'ReceiptVerification',
  v.strictObject({
    valid: v.boolean(),
    signature: v.picklist(['valid', 'invalid', 'unknown_key', 'malformed']),
    files: v.array(v.strictObject({ filename: str, sha256: str, matched: v.boolean() })),
    unmatched: v.array(str),
    problems: v.array(str),
  }),
)

/**
 * Response schema part: `signerViewSchema`.
 *
 * @example
 * v.parse(signerViewSchema, value)
 */
export const signerViewSchema = named(
  'SignerView',
  v.strictObject({
    studio: v.strictObject({ id: str, name: str }),
    project: projectViewSchema,
    signoff: signoffViewSchema,
    receipt: opt(receiptSchema),
  }),
)

/**
 * Response schema part: `problemSchema`.
 *
 * @example
 * v.parse(problemSchema, value)
 */
export const problemSchema = named(
  'Problem',
  v.strictObject({
    type: str,
    title: str,
    status: int,
    detail: str,
    code: str,
    fields: opt(v.array(v.strictObject({ path: str, message: str }))),
    gate: opt(str),
    reason: opt(str),
    currentVersion: opt(int),
    expiresAt: opt(str),
    requestId: str,
  }),
)
