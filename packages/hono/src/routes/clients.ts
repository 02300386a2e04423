import { createClientSchema, issueClientTokenSchema, updateClientSchema } from '@atelier/core'
import { Hono } from 'hono'
import * as v from 'valibot'
import type { ApiDeps } from '../context.js'
import { endpoint } from '../endpoint.js'
import { locationOf, scopeOf } from '../http/caller.js'
import { etagOf, versioned } from '../http/etag.js'
import { linksFor } from '../http/links.js'
import { listClientsQuery, pathOf } from '../http/params.js'
import { json, params, query } from '../http/validate.js'
import { listOf, pageOf } from '../openapi/schemas/common.js'
import { clientTokenViewSchema, clientViewSchema } from '../openapi/schemas/records.js'

const issuedTokenSchema = v.strictObject({
  clientToken: clientTokenViewSchema,
  token: v.optional(v.string()),
  link: v.optional(v.string()),
})

/**
 * Clients and their credentials: short-lived sessions a studio backend mints, and revocable
 * access links (`<publicUrl>/track#t=<token>`) for studios with static sites.
 *
 * @example
 * app.route('/v1', clientRoutes(deps))
 */
export function clientRoutes(deps: ApiDeps) {
  const { atelier } = deps
  const links = linksFor(deps.opts.publicUrl)
  const app = new Hono()

  app.post(
    '/clients',
    endpoint(deps, {
      operationId: 'createClient',
      summary: 'Create a client',
      tag: 'Clients',
      auth: 'studio',
      body: 'json',
      idempotent: true,
      ok: {
        status: 201,
        description: 'The client.',
        schema: clientViewSchema,
        etag: true,
        location: true,
      },
    }),
    json(createClientSchema),
    async (c) => {
      const client = await atelier.clients.create(scopeOf(c), c.req.valid('json'))
      return c.json(client, 201, {
        ETag: etagOf(client.version),
        Location: locationOf(c, client.id),
      })
    },
  )

  app.get(
    '/clients',
    endpoint(deps, {
      operationId: 'listClients',
      summary: 'List clients',
      description: 'Newest first; pass `nextCursor` back as `cursor` for the next page.',
      tag: 'Clients',
      auth: 'studio',
      ok: { status: 200, description: 'A page of clients.', schema: pageOf(clientViewSchema) },
    }),
    query(listClientsQuery),
    async (c) => c.json(await atelier.clients.list(scopeOf(c), c.req.valid('query'))),
  )

  app.get(
    '/clients/:clientId',
    endpoint(deps, {
      operationId: 'getClient',
      summary: 'Read a client',
      tag: 'Clients',
      auth: 'studio',
      ok: { status: 200, description: 'The client.', schema: clientViewSchema, etag: true },
    }),
    params(pathOf('clientId')),
    async (c) => {
      const client = await atelier.clients.get(scopeOf(c), c.req.valid('param').clientId)
      return versioned(c, client, client.version)
    },
  )

  app.patch(
    '/clients/:clientId',
    endpoint(deps, {
      operationId: 'updateClient',
      summary: 'Change a client',
      tag: 'Clients',
      auth: 'studio',
      body: 'json',
      ifMatch: true,
      ok: { status: 200, description: 'The changed client.', schema: clientViewSchema, etag: true },
    }),
    params(pathOf('clientId')),
    json(v.omit(updateClientSchema, ['id', 'version'])),
    async (c) => {
      const client = await atelier.clients.update(scopeOf(c), {
        ...c.req.valid('json'),
        id: c.req.valid('param').clientId,
        version: c.get('atelierVersion'),
      })
      return versioned(c, client, client.version)
    },
  )

  app.post(
    '/clients/:clientId/tokens',
    endpoint(deps, {
      operationId: 'issueClientToken',
      summary: 'Issue a client token',
      description:
        'A `session` (at most a day) for a studio backend that signs its clients in, or an `access_link` (at most a year) with `link` = `<publicUrl>/track#t=<token>`. Token and link are in this response only.',
      tag: 'Clients',
      auth: 'studio',
      body: 'json',
      idempotent: true,
      ok: { status: 201, description: 'The token, shown once.', schema: issuedTokenSchema },
    }),
    params(pathOf('clientId')),
    json(v.omit(issueClientTokenSchema, ['clientId'])),
    async (c) => {
      const { clientToken, token } = await atelier.credentials.issueClientToken(scopeOf(c), {
        ...c.req.valid('json'),
        clientId: c.req.valid('param').clientId,
      })
      const link = clientToken.kind === 'access_link' ? links.track(token) : undefined
      return c.json({ clientToken, token, ...(link && { link }) }, 201)
    },
  )

  app.get(
    '/clients/:clientId/tokens',
    endpoint(deps, {
      operationId: 'listClientTokens',
      summary: "List a client's tokens",
      tag: 'Clients',
      auth: 'studio',
      ok: {
        status: 200,
        description: 'Every token, revoked ones included.',
        schema: listOf(clientTokenViewSchema),
      },
    }),
    params(pathOf('clientId')),
    async (c) => {
      const { clientId } = c.req.valid('param')
      return c.json({ items: await atelier.credentials.listClientTokens(scopeOf(c), clientId) })
    },
  )

  app.delete(
    '/client-tokens/:tokenId',
    endpoint(deps, {
      operationId: 'revokeClientToken',
      summary: 'Revoke a client token',
      description: 'Immediate: the next request with it is 401.',
      tag: 'Clients',
      auth: 'studio',
      ok: { status: 200, description: 'The revoked token.', schema: clientTokenViewSchema },
    }),
    params(pathOf('tokenId')),
    async (c) => {
      const { tokenId } = c.req.valid('param')
      return c.json(await atelier.credentials.revokeClientToken(scopeOf(c), tokenId))
    },
  )

  return app
}
