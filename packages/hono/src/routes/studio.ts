import { createApiKeySchema, updateStudioSchema } from '@atelier/core'
import { Hono } from 'hono'
import * as v from 'valibot'
import type { ApiDeps } from '../context.js'
import { endpoint } from '../endpoint.js'
import { scopeOf } from '../http/caller.js'
import { versioned } from '../http/etag.js'
import { pathOf } from '../http/params.js'
import { json, params } from '../http/validate.js'
import { listOf } from '../openapi/schemas/common.js'
import { apiKeyViewSchema, studioViewSchema } from '../openapi/schemas/records.js'

const createdKeySchema = v.strictObject({ key: apiKeyViewSchema, token: v.optional(v.string()) })

/**
 * The studio's settings, its receipt-signing keys and its API keys (secret key only).
 *
 * @example
 * app.route('/v1', studioRoutes(deps))
 */
export function studioRoutes(deps: ApiDeps) {
  const { atelier } = deps
  const app = new Hono()

  app.get(
    '/studio',
    endpoint(deps, {
      operationId: 'getStudio',
      summary: 'Read the studio',
      description: 'The studio, its settings and its published signing keys. `ETag: "<version>"`.',
      tag: 'Studio',
      auth: 'studio',
      ok: { status: 200, description: 'The studio.', schema: studioViewSchema, etag: true },
    }),
    async (c) => {
      const studio = await atelier.studios.get(scopeOf(c))
      return versioned(c, studio, studio.version)
    },
  )

  app.patch(
    '/studio',
    endpoint(deps, {
      operationId: 'updateStudio',
      summary: 'Change the name or settings',
      description: 'Settings are merged field by field. `allowedOrigins` governs CORS.',
      tag: 'Studio',
      auth: 'studio',
      body: 'json',
      ifMatch: true,
      ok: { status: 200, description: 'The changed studio.', schema: studioViewSchema, etag: true },
    }),
    json(v.omit(updateStudioSchema, ['version'])),
    async (c) => {
      const input = { ...c.req.valid('json'), version: c.get('atelierVersion') }
      const studio = await atelier.studios.update(scopeOf(c), input)
      return versioned(c, studio, studio.version)
    },
  )

  app.post(
    '/studio/signing-keys',
    endpoint(deps, {
      operationId: 'rotateSigningKey',
      summary: 'Rotate the receipt-signing key',
      description:
        'Retires the current key (it keeps verifying old receipts) and creates a new one.',
      tag: 'Studio',
      auth: 'studio',
      ifMatch: true,
      ok: {
        status: 200,
        description: 'The studio with its new key.',
        schema: studioViewSchema,
        etag: true,
      },
    }),
    async (c) => {
      const studio = await atelier.studios.rotateSigningKey(scopeOf(c), {
        version: c.get('atelierVersion'),
      })
      return versioned(c, studio, studio.version)
    },
  )

  app.post(
    '/keys',
    endpoint(deps, {
      operationId: 'createKey',
      summary: 'Create an API key',
      description:
        'A `secret` key (`atl_sk_`) for servers, or a `publishable` key (`atl_pk_`) for web pages on the allowed origins. The token is in this response only.',
      tag: 'Keys',
      auth: 'studio',
      body: 'json',
      idempotent: true,
      ok: {
        status: 201,
        description: 'The key and its token, shown once.',
        schema: createdKeySchema,
      },
    }),
    json(createApiKeySchema),
    async (c) => c.json(await atelier.credentials.createKey(scopeOf(c), c.req.valid('json')), 201),
  )

  app.get(
    '/keys',
    endpoint(deps, {
      operationId: 'listKeys',
      summary: 'List API keys',
      tag: 'Keys',
      auth: 'studio',
      ok: {
        status: 200,
        description: 'Every key, revoked ones included.',
        schema: listOf(apiKeyViewSchema),
      },
    }),
    async (c) => c.json({ items: await atelier.credentials.listKeys(scopeOf(c)) }),
  )

  app.delete(
    '/keys/:keyId',
    endpoint(deps, {
      operationId: 'revokeKey',
      summary: 'Revoke an API key',
      description: 'Immediate: the next request with it is 401.',
      tag: 'Keys',
      auth: 'studio',
      ok: { status: 200, description: 'The revoked key.', schema: apiKeyViewSchema },
    }),
    params(pathOf('keyId')),
    async (c) =>
      c.json(await atelier.credentials.revokeKey(scopeOf(c), c.req.valid('param').keyId)),
  )

  return app
}
