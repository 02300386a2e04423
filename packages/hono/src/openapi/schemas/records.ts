import * as v from 'valibot'
import { int, named, opt, str } from './common.js'

/**
 * Response schemas of core's record projections, audit and receipts (core's schemas), and the
 * API's own problem document.
 */
export {
  apiKeyViewSchema,
  auditEventSchema,
  chainVerificationSchema,
  clientTokenViewSchema,
  clientViewSchema,
  publicSigningKeySchema as publicKeySchema,
  receiptSchema,
  receiptVerificationSchema,
  signerViewSchema,
  studioViewSchema,
} from '@atelier/core'

/**
 * An RFC 9457 problem document with Atelier's stable `code`.
 *
 * @example
 * v.parse(problemSchema, await res.json())
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
    permission: opt(str),
    role: opt(str),
    rule: opt(str),
    currentVersion: opt(int),
    expiresAt: opt(str),
    requestId: str,
  }),
  'An RFC 9457 problem: what was wrong and what to do, with a stable `code`.',
)
