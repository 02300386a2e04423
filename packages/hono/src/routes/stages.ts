import { moveProjectSchema, recordDeliverySchema, submitForReviewSchema } from '@atelier/core'
import { Hono } from 'hono'
import * as v from 'valibot'
import type { ApiDeps } from '../context.js'
import { endpoint } from '../endpoint.js'
import { scopeOf } from '../http/caller.js'
import { etagOf, versioned } from '../http/etag.js'
import { linksFor } from '../http/links.js'
import { pathOf } from '../http/params.js'
import { json, params, query } from '../http/validate.js'
import { projectViewSchema } from '../openapi/schemas/project-view.js'
import { moveCheckSchema, signoffViewSchema } from '../openapi/schemas/workflow-views.js'

const moveQuery = v.object({
  to: moveProjectSchema.entries.to,
  reason: moveProjectSchema.entries.reason,
})

const submissionSchema = v.strictObject({
  project: projectViewSchema,
  signoff: signoffViewSchema,
  link: v.optional(v.string()),
})

/**
 * A project's way through the stages: moves through their gates, submitting work for final
 * review, recording the delivery.
 *
 * @example
 * app.route('/v1', stageRoutes(deps))
 */
export function stageRoutes(deps: ApiDeps) {
  const { atelier } = deps
  const links = linksFor(deps.opts.publicUrl)
  const app = new Hono()

  app.get(
    '/projects/:projectId/moves',
    endpoint(deps, {
      operationId: 'checkMove',
      summary: 'Check whether a move would pass now',
      description:
        'Changes nothing: `{ ok: true, move }`, or `{ ok: false, code, gate?, message }` naming the gate that would refuse it.',
      tag: 'Projects',
      auth: 'studio',
      ok: { status: 200, description: 'The check.', schema: moveCheckSchema },
    }),
    params(pathOf('projectId')),
    query(moveQuery),
    async (c) => {
      const { to, reason } = c.req.valid('query')
      const id = c.req.valid('param').projectId
      return c.json(
        await atelier.projects.checkMove(scopeOf(c), { id, to, ...(reason && { reason }) }),
      )
    },
  )

  app.post(
    '/projects/:projectId/moves',
    endpoint(deps, {
      operationId: 'moveProject',
      summary: 'Move the project to another stage',
      description:
        'Forward along the eight stages, `research` skippable with a `reason`, the review loop, `cancelled` with a reason. A refused move is 409 `gate_failed` naming the `gate`.',
      tag: 'Projects',
      auth: 'studio',
      body: 'json',
      ifMatch: true,
      ok: { status: 200, description: 'The moved project.', schema: projectViewSchema, etag: true },
      errors: [409],
    }),
    params(pathOf('projectId')),
    json(v.omit(moveProjectSchema, ['id', 'version'])),
    async (c) => {
      const input = {
        ...c.req.valid('json'),
        id: c.req.valid('param').projectId,
        version: c.get('atelierVersion'),
      }
      const view = await atelier.projects.move(scopeOf(c), input)
      return versioned(c, view, view.version)
    },
  )

  app.post(
    '/projects/:projectId/submissions',
    endpoint(deps, {
      operationId: 'submitForReview',
      summary: 'Submit work for final review',
      description:
        'Creates a `final` sign-off for the current versions (by default every client-visible design and final deliverable) and moves to `confirmation`. The `link` (`<publicUrl>/s/<token>`) is shown once.',
      tag: 'Projects',
      auth: 'studio',
      body: 'json',
      ifMatch: true,
      ok: {
        status: 201,
        description: 'The project, its sign-off and the link.',
        schema: submissionSchema,
        etag: true,
      },
      errors: [409],
    }),
    params(pathOf('projectId')),
    json(v.omit(submitForReviewSchema, ['id', 'version'])),
    async (c) => {
      const input = {
        ...c.req.valid('json'),
        id: c.req.valid('param').projectId,
        version: c.get('atelierVersion'),
      }
      const { project, signoff, token } = await atelier.projects.submitForReview(scopeOf(c), input)
      const body = { project, signoff, link: links.signoff(token) }
      return c.json(body, 201, { ETag: etagOf(project.version) })
    },
  )

  app.post(
    '/projects/:projectId/delivery',
    endpoint(deps, {
      operationId: 'recordDelivery',
      summary: 'Record the delivery',
      description:
        'The delivery manifest (输出): files with hashes (by default those of the approved final sign-off), method and licence.',
      tag: 'Projects',
      auth: 'studio',
      body: 'json',
      ifMatch: true,
      ok: {
        status: 200,
        description: 'The project with its delivery.',
        schema: projectViewSchema,
        etag: true,
      },
      errors: [409],
    }),
    params(pathOf('projectId')),
    json(v.omit(recordDeliverySchema, ['projectId', 'version'])),
    async (c) => {
      const { projectId } = c.req.valid('param')
      const input = { ...c.req.valid('json'), projectId, version: c.get('atelierVersion') }
      const view = await atelier.projects.recordDelivery(scopeOf(c), input)
      return versioned(c, view, view.version)
    },
  )

  return app
}
