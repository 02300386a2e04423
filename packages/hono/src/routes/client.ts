import { requestRevisionSchema } from '@atelier/core'
import { Hono } from 'hono'
import * as v from 'valibot'
import type { ApiDeps } from '../context.js'
import { endpoint } from '../endpoint.js'
import { scopeOf } from '../http/caller.js'
import { conditionalGet } from '../http/etag.js'
import { fileResponse } from '../http/files.js'
import { clientProjectsQuery, fileParams, pathOf } from '../http/params.js'
import { send } from '../http/send.js'
import { json, params, query } from '../http/validate.js'
import { listOf, pageOf } from '../openapi/schemas/common.js'
import { activityViewSchema, projectViewSchema } from '../openapi/schemas/project-view.js'
import { roundViewSchema } from '../openapi/schemas/workflow-views.js'

const requestedSchema = v.strictObject({ project: projectViewSchema, round: roundViewSchema })

/**
 * The client's side, with an `atl_ct_` token: their own projects as the tracker shows them,
 * client-visible activity, files (logged on `strict`), and asking for changes. Another
 * client's project is 404.
 *
 * @example
 * app.route('/v1', clientSideRoutes(deps))
 */
export function clientSideRoutes(deps: ApiDeps) {
  const { atelier } = deps
  const app = new Hono()

  app.get(
    '/client/projects',
    endpoint(deps, {
      operationId: 'listMyProjects',
      summary: "List the client's projects",
      tag: 'Client',
      auth: 'client_token',
      ok: {
        status: 200,
        description: 'A page of project summaries.',
        schema: pageOf(projectViewSchema),
      },
    }),
    query(clientProjectsQuery),
    async (c) => c.json(await atelier.projects.listViews(scopeOf(c), c.req.valid('query'))),
  )

  app.get(
    '/client/projects/:projectId',
    endpoint(deps, {
      operationId: 'getMyProject',
      summary: 'Read one project: the tracker view',
      description:
        'The eight stages, what the studio waits for, rounds used, pending sign-offs, files, client-visible activity, warranty left. Views of `strict` projects are logged.',
      tag: 'Client',
      auth: 'client_token',
      ok: {
        status: 200,
        description:
          'The project (client view). Answers `If-None-Match` with 304 while it is unchanged.',
        schema: projectViewSchema,
        etag: true,
      },
    }),
    params(pathOf('projectId')),
    async (c) => {
      const { body, etag } = await atelier.projects.viewDocument(
        scopeOf(c),
        c.req.valid('param').projectId,
      )
      const tag = `"${etag}"`
      return (
        conditionalGet(c, tag) ??
        send(c, body, 200, { ETag: tag, 'Content-Type': 'application/json' })
      )
    },
  )

  app.get(
    '/client/projects/:projectId/activity',
    endpoint(deps, {
      operationId: 'listMyProjectActivity',
      summary: "Read a project's client-visible activity",
      description: 'The newest 200 frontstage events, newest first.',
      tag: 'Client',
      auth: 'client_token',
      ok: { status: 200, description: 'Activity.', schema: listOf(activityViewSchema) },
    }),
    params(pathOf('projectId')),
    async (c) => {
      const view = await atelier.projects.view(scopeOf(c), c.req.valid('param').projectId)
      return c.json({ items: view.activity ?? [] })
    },
  )

  app.get(
    '/client/files/:deliverableId/:n',
    endpoint(deps, {
      operationId: 'downloadMyFile',
      summary: 'Download a file of one of my projects',
      description: 'Client-visible files only; every download on a `strict` project is logged.',
      tag: 'Client',
      auth: 'client_token',
      ok: { status: 200, description: 'The bytes.', file: true, etag: true },
      errors: [410],
    }),
    params(fileParams),
    async (c) => {
      const { deliverableId, n } = c.req.valid('param')
      return fileResponse(
        c,
        await atelier.deliverables.open(scopeOf(c), { deliverableId, version: n }),
      )
    },
  )

  app.post(
    '/client/projects/:projectId/revision-requests',
    endpoint(deps, {
      operationId: 'requestMyRevision',
      summary: 'Ask for changes from the tracker',
      description:
        'Opens the next revision round with the items (pinned on files if wanted). Beyond the rounds in the contract, the round is billable and waits for a quote.',
      tag: 'Client',
      auth: 'client_token',
      body: 'json',
      idempotent: true,
      ok: { status: 201, description: 'The project and the round.', schema: requestedSchema },
      errors: [409],
    }),
    params(pathOf('projectId')),
    json(v.omit(requestRevisionSchema, ['projectId'])),
    async (c) => {
      const { projectId } = c.req.valid('param')
      const input = { ...c.req.valid('json'), projectId }
      return c.json(await atelier.revisions.request(scopeOf(c), input), 201)
    },
  )

  return app
}
