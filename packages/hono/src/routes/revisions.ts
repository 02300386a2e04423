import {
  addItemsSchema,
  quoteRoundSchema,
  requestRevisionSchema,
  resolveItemSchema,
} from '@atelier/core'
import { Hono } from 'hono'
import * as v from 'valibot'
import type { ApiDeps } from '../context.js'
import { endpoint } from '../endpoint.js'
import { scopeOf } from '../http/caller.js'
import { etagOf, versioned } from '../http/etag.js'
import { linksFor } from '../http/links.js'
import { pathOf } from '../http/params.js'
import { json, params } from '../http/validate.js'
import { listOf } from '../openapi/schemas/common.js'
import { projectViewSchema } from '../openapi/schemas/project-view.js'
import { roundViewSchema, signoffViewSchema } from '../openapi/schemas/workflow-views.js'

const openedSchema = v.strictObject({ project: projectViewSchema, round: roundViewSchema })
const quotedSchema = v.strictObject({
  round: roundViewSchema,
  signoff: signoffViewSchema,
  link: v.optional(v.string()),
})

/**
 * Revision rounds (修订): the studio opens one on the client's behalf, quotes billable rounds
 * (the client accepts through a `change_order` sign-off), adds items and resolves them. Rounds
 * carry `ETag: "<version>"`; their mutations need `If-Match`.
 *
 * @example
 * app.route('/v1', revisionRoutes(deps))
 */
export function revisionRoutes(deps: ApiDeps) {
  const { atelier } = deps
  const links = linksFor(deps.opts.publicUrl)
  const app = new Hono()

  app.get(
    '/projects/:projectId/rounds',
    endpoint(deps, {
      operationId: 'listRounds',
      summary: "List a project's revision rounds",
      description: 'Each round carries its `version` for `If-Match`.',
      tag: 'Revisions',
      auth: 'studio',
      ok: { status: 200, description: 'Rounds, oldest first.', schema: listOf(roundViewSchema) },
    }),
    params(pathOf('projectId')),
    async (c) => {
      const items = await atelier.revisions.list(scopeOf(c), c.req.valid('param').projectId)
      return c.json({ items })
    },
  )

  app.post(
    '/projects/:projectId/rounds',
    endpoint(deps, {
      operationId: 'requestRevision',
      summary: 'Open a revision round for the client',
      description:
        'Opens the next round with the items and moves the project to `revision`. Rounds beyond the contract are billable and wait for a quote.',
      tag: 'Revisions',
      auth: 'studio',
      body: 'json',
      idempotent: true,
      ok: {
        status: 201,
        description: 'The project and the round.',
        schema: openedSchema,
        etag: true,
      },
      errors: [409],
    }),
    params(pathOf('projectId')),
    json(v.omit(requestRevisionSchema, ['projectId'])),
    async (c) => {
      const { projectId } = c.req.valid('param')
      const body = await atelier.revisions.request(scopeOf(c), {
        ...c.req.valid('json'),
        projectId,
      })
      return c.json(body, 201, { ETag: etagOf(body.round.version ?? 0) })
    },
  )

  app.post(
    '/rounds/:roundId/quote',
    endpoint(deps, {
      operationId: 'quoteRound',
      summary: 'Quote a billable round',
      description:
        'Scope, days and fee (明确修改的范围、时间和成本). Creates the `change_order` sign-off the client accepts it through; its `link` is shown once.',
      tag: 'Revisions',
      auth: 'studio',
      body: 'json',
      ifMatch: true,
      ok: {
        status: 201,
        description: 'The quoted round, its sign-off and link.',
        schema: quotedSchema,
        etag: true,
      },
      errors: [409],
    }),
    params(pathOf('roundId')),
    json(v.omit(quoteRoundSchema, ['roundId', 'version'])),
    async (c) => {
      const input = {
        ...c.req.valid('json'),
        roundId: c.req.valid('param').roundId,
        version: c.get('atelierVersion'),
      }
      const { round, signoff, token } = await atelier.revisions.quote(scopeOf(c), input)
      const body = { round, signoff, link: links.signoff(token) }
      return c.json(body, 201, { ETag: etagOf(round.version) })
    },
  )

  app.post(
    '/rounds/:roundId/items',
    endpoint(deps, {
      operationId: 'addRoundItems',
      summary: 'Add items to a round',
      description: 'While the round awaits its quote or is open.',
      tag: 'Revisions',
      auth: 'studio',
      body: 'json',
      ifMatch: true,
      ok: { status: 200, description: 'The round.', schema: roundViewSchema, etag: true },
      errors: [409],
    }),
    params(pathOf('roundId')),
    json(v.omit(addItemsSchema, ['roundId', 'version'])),
    async (c) => {
      const input = {
        ...c.req.valid('json'),
        roundId: c.req.valid('param').roundId,
        version: c.get('atelierVersion'),
      }
      const round = await atelier.revisions.addItems(scopeOf(c), input)
      return versioned(c, round, round.version)
    },
  )

  app.post(
    '/rounds/:roundId/items/:itemId/resolution',
    endpoint(deps, {
      operationId: 'resolveRoundItem',
      summary: 'Resolve an item',
      description:
        '`addressed` in a version uploaded during this round (`inVersion`), or `declined` with the reason. Only in an open round.',
      tag: 'Revisions',
      auth: 'studio',
      body: 'json',
      ifMatch: true,
      ok: { status: 200, description: 'The round.', schema: roundViewSchema, etag: true },
      errors: [409],
    }),
    params(pathOf('roundId', 'itemId')),
    json(v.omit(resolveItemSchema, ['roundId', 'itemId', 'version'])),
    async (c) => {
      const { roundId, itemId } = c.req.valid('param')
      const input = { ...c.req.valid('json'), roundId, itemId, version: c.get('atelierVersion') }
      const round = await atelier.revisions.resolveItem(scopeOf(c), input)
      return versioned(c, round, round.version)
    },
  )

  return app
}
