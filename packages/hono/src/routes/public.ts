import { type PublicSigningKey, verifyReceipt } from '@atelier/core'
import { Hono } from 'hono'
import * as v from 'valibot'
import type { ApiDeps } from '../context.js'
import { endpoint } from '../endpoint.js'
import { pathOf } from '../http/params.js'
import { json, params } from '../http/validate.js'
import { listOf } from '../openapi/schemas/common.js'
import {
  publicKeySchema,
  receiptSchema,
  receiptVerificationSchema,
} from '../openapi/schemas/records.js'

const receiptWithKeysSchema = v.strictObject({
  receipt: receiptSchema,
  publicKeys: v.array(publicKeySchema),
  verification: receiptVerificationSchema,
})

/** The body of a verification request: any JSON object claiming to be a receipt. */
const verifyBodySchema = v.strictObject({
  receipt: v.pipe(
    v.record(v.string(), v.unknown()),
    v.description('A receipt as issued (`type: atelier.receipt`).'),
  ),
})

/**
 * Public routes, with no credential or a publishable key: a studio's published signing keys,
 * a receipt by id, and verification of a receipt against the keys of the studio it names.
 * Receipts are meant to be checked by anyone.
 *
 * @example
 * app.route('/v1', publicRoutes(deps))
 */
export function publicRoutes(deps: ApiDeps) {
  const { atelier } = deps
  const app = new Hono()

  const keysOf = async (studioId: unknown): Promise<PublicSigningKey[]> => {
    if (typeof studioId !== 'string') return []
    return atelier.studios.publicKeys(studioId).catch(() => [])
  }

  app.get(
    '/studios/:studioId/public-keys',
    endpoint(deps, {
      operationId: 'getPublicKeys',
      summary: "A studio's receipt-signing public keys",
      description: 'Ed25519, raw 32 bytes in base64url; the current key first, retired keys after.',
      tag: 'Public',
      auth: 'public',
      embeddable: true,
      ok: { status: 200, description: 'The keys.', schema: listOf(publicKeySchema) },
    }),
    params(pathOf('studioId')),
    async (c) => c.json({ items: await atelier.studios.publicKeys(c.req.valid('param').studioId) }),
  )

  app.get(
    '/receipts/:receiptId',
    endpoint(deps, {
      operationId: 'getReceipt',
      summary: 'A receipt, with the keys to verify it',
      tag: 'Public',
      auth: 'public',
      embeddable: true,
      ok: {
        status: 200,
        description: 'The receipt, the keys and the verification.',
        schema: receiptWithKeysSchema,
      },
    }),
    params(pathOf('receiptId')),
    async (c) => {
      const { receipt, publicKeys } = await atelier.signoffs.receipt(c.req.valid('param').receiptId)
      return c.json({ receipt, publicKeys, verification: await verifyReceipt(receipt, publicKeys) })
    },
  )

  app.post(
    '/receipts/verification',
    endpoint(deps, {
      operationId: 'verifyReceipt',
      summary: 'Verify a receipt',
      description:
        'Checks the signature against the published keys of the studio the receipt names. To check files against it, hash them locally (or use `verifyReceipt` from `@atelier/core`).',
      tag: 'Public',
      auth: 'public',
      body: 'json',
      embeddable: true,
      ok: { status: 200, description: 'The verification.', schema: receiptVerificationSchema },
    }),
    json(verifyBodySchema),
    async (c) => {
      const { receipt } = c.req.valid('json')
      const studio = receipt.studio as { id?: unknown } | undefined
      return c.json(await verifyReceipt(receipt, await keysOf(studio?.id)))
    },
  )

  return app
}
