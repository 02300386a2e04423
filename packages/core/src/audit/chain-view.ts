import * as v from 'valibot'
import {
  type Assert,
  type Covers,
  int,
  named,
  type SameType,
  timestamp,
} from '../internal/view-atoms.js'
import type { AuditEvent, ChainHead, ChainVerification } from './audit-chain.js'

/**
 * The newest link of a chain, as receipts carry it.
 *
 * @example
 * v.parse(chainHeadSchema, { seq: 12, hash: '…' })
 */
export const chainHeadSchema = v.strictObject({ seq: int, hash: v.string() })

/**
 * One link of a project's append-only, hash-chained history, as staff export it.
 *
 * @example
 * const events = v.parse(v.array(auditEventSchema), await res.json())
 */
export const auditEventSchema = named(
  'AuditEvent',
  v.strictObject({
    studioId: v.string(),
    projectId: v.string(),
    seq: int,
    at: timestamp,
    actor: v.strictObject({
      kind: v.picklist(['member', 'staff', 'client', 'signer', 'third_party', 'system']),
      id: v.string(),
      label: v.string(),
    }),
    action: v.string(),
    data: v.record(v.string(), v.unknown()),
    visibility: v.picklist(['client', 'internal']),
    prevHash: v.string(),
    hash: v.string(),
  }),
  "One link of a project's append-only, hash-chained history.",
)

/**
 * The result of checking a whole chain: valid with its head and length, or the first event
 * that fails and why.
 *
 * @example
 * const result = v.parse(chainVerificationSchema, { valid: true, count: 0 })
 */
export const chainVerificationSchema = named(
  'ChainVerification',
  v.variant('valid', [
    v.strictObject({ valid: v.literal(true), head: v.optional(chainHeadSchema), count: int }),
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
      message: v.string(),
    }),
  ]),
  'Whether the audit chain is intact; if not, the first event that fails and why.',
)

// Core's interfaces are what the schemas describe; a `head: undefined` is an absent `head`.
type _ChainHeadMatches = Assert<SameType<v.InferOutput<typeof chainHeadSchema>, ChainHead>>
type _AuditEventMatches = Assert<SameType<v.InferOutput<typeof auditEventSchema>, AuditEvent>>
type _ChainVerificationCovered = Assert<
  Covers<v.InferOutput<typeof chainVerificationSchema>, ChainVerification>
>
