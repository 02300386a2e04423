import { type GateKey, gates } from '@atelier/core'
import * as v from 'valibot'
import {
  fileRefSchema,
  int,
  itemSchema,
  named,
  opt,
  partySchema,
  pinSchema,
  portfolioSchema,
  quoteSchema,
  resolutionMapSchema,
  resolutionSchema,
  str,
  subjectFileSchema,
} from './common.js'
import { enums } from './enums.js'

/** Response schemas of the workflow parts of a project view: rounds, sign-offs, grants, consents. */

/**
 * Response schema part: `roundViewSchema`.
 *
 * @example
 * v.parse(roundViewSchema, value)
 */
export const roundViewSchema = named(
  'RoundView',
  v.strictObject({
    id: str,
    n: int,
    status: enums.roundStatus,
    billable: v.boolean(),
    quote: opt(quoteSchema),
    items: v.array(
      v.strictObject({
        id: str,
        text: str,
        file: opt(fileRefSchema),
        pin: opt(pinSchema),
        resolution: opt(resolutionSchema),
      }),
    ),
    summary: v.strictObject({ round: int, total: int, addressed: int, declined: int, open: int }),
    openedAt: str,
    activatedAt: opt(str),
    dueAt: opt(str),
    version: opt(int),
  }),
)

/**
 * Response schema part: `signoffViewSchema`.
 *
 * @example
 * v.parse(signoffViewSchema, value)
 */
export const signoffViewSchema = named(
  'SignoffView',
  v.strictObject({
    id: str,
    purpose: enums.purpose,
    status: enums.signoffStatus,
    expiresAt: str,
    createdAt: str,
    files: v.array(subjectFileSchema),
    round: opt(int),
    quote: opt(quoteSchema),
    resolutions: opt(resolutionMapSchema),
    party: opt(partySchema),
    portfolio: opt(portfolioSchema),
    message: opt(str),
    signer: opt(v.strictObject({ name: opt(str), email: opt(str) })),
    decision: opt(
      v.strictObject({
        outcome: enums.outcome,
        name: str,
        comment: opt(str),
        items: opt(v.array(itemSchema)),
        at: str,
        via: opt(v.picklist(['link', 'client'])),
        userAgent: opt(str),
        ipHash: opt(str),
      }),
    ),
    receiptId: opt(str),
  }),
)

/**
 * Response schema part: `grantViewSchema`.
 *
 * @example
 * v.parse(grantViewSchema, value)
 */
export const grantViewSchema = named(
  'GrantView',
  v.strictObject({
    id: str,
    party: v.strictObject({ name: str, organisation: opt(str) }),
    email: opt(str),
    purpose: opt(str),
    files: v.array(subjectFileSchema),
    status: v.picklist([
      'awaiting_consent',
      'awaiting_nda',
      'active',
      'declined',
      'revoked',
      'expired',
    ]),
    expiresAt: str,
  }),
)

/**
 * Response schema part: `consentViewSchema`.
 *
 * @example
 * v.parse(consentViewSchema, value)
 */
export const consentViewSchema = named(
  'ConsentView',
  v.strictObject({
    id: str,
    scope: v.array(enums.portfolioScope),
    embargoUntil: opt(str),
    note: opt(str),
    status: v.picklist(['pending', 'granted', 'declined', 'revoked']),
    grantedAt: opt(str),
    revokedAt: opt(str),
    signoffId: str,
  }),
)

const gateEnum = v.picklist(Object.keys(gates) as GateKey[])

const moveSchema = v.strictObject({
  from: enums.openStage,
  to: enums.stage,
  gates: v.pipe(v.array(gateEnum), v.readonly()),
  reason: v.optional(v.picklist(['required', 'waives_gates'])),
  skips: v.optional(enums.openStage),
})

/**
 * Whether a move would pass now (core's `MoveCheck`).
 *
 * @example
 * resolver(moveCheckSchema)
 */
export const moveCheckSchema = v.variant('ok', [
  v.strictObject({ ok: v.literal(true), move: moveSchema }),
  v.strictObject({
    ok: v.literal(false),
    code: v.picklist(['conflict', 'gate_failed', 'invalid_input']),
    gate: v.optional(gateEnum),
    message: v.string(),
  }),
])
