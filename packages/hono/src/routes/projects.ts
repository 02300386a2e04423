import { addNoteSchema, createProjectSchema, updateProjectSchema } from '@atelier/core'
import { Hono } from 'hono'
import * as v from 'valibot'
import type { ApiDeps } from '../context.js'
import { endpoint } from '../endpoint.js'
import { locationOf, scopeOf } from '../http/caller.js'
import { etagOf, versioned } from '../http/etag.js'
import { listProjectsQuery, pathOf } from '../http/params.js'
import { json, params, query } from '../http/validate.js'
import { pageOf } from '../openapi/schemas/common.js'
import { projectViewSchema } from '../openapi/schemas/project-view.js'

/**
 * Projects: create, list with filters, read (the staff projection), change, and notes on the
 * activity.
 *
 * @example
 * app.route('/v1', projectRoutes(deps))
 */
export function projectRoutes(deps: ApiDeps) {
  const { atelier } = deps
  const app = new Hono()

  app.post(
    '/projects',
    endpoint(deps, {
      operationId: 'createProject',
      summary: 'Create a project',
      description: 'Starts in `requirements`; contract terms default from the studio settings.',
      tag: 'Projects',
      auth: 'studio',
      body: 'json',
      idempotent: true,
      ok: {
        status: 201,
        description: 'The project (staff view).',
        schema: projectViewSchema,
        etag: true,
        location: true,
      },
    }),
    json(createProjectSchema),
    async (c) => {
      const view = await atelier.projects.create(scopeOf(c), c.req.valid('json'))
      return c.json(view, 201, { ETag: etagOf(view.version), Location: locationOf(c, view.id) })
    },
  )

  app.get(
    '/projects',
    endpoint(deps, {
      operationId: 'listProjects',
      summary: 'List projects',
      description:
        'Newest first, filtered by `stage` and `clientId`; summaries without files or activity.',
      tag: 'Projects',
      auth: 'studio',
      ok: { status: 200, description: 'A page of projects.', schema: pageOf(projectViewSchema) },
    }),
    query(listProjectsQuery),
    async (c) => c.json(await atelier.projects.listViews(scopeOf(c), c.req.valid('query'))),
  )

  app.get(
    '/projects/:projectId',
    endpoint(deps, {
      operationId: 'getProject',
      summary: 'Read a project',
      description:
        'Everything the studio sees: brief, stages, rounds, files, sign-offs, activity, access log.',
      tag: 'Projects',
      auth: 'studio',
      ok: {
        status: 200,
        description: 'The project (staff view).',
        schema: projectViewSchema,
        etag: true,
      },
    }),
    params(pathOf('projectId')),
    async (c) => {
      const view = await atelier.projects.view(scopeOf(c), c.req.valid('param').projectId)
      return versioned(c, view, view.version ?? 0)
    },
  )

  app.patch(
    '/projects/:projectId',
    endpoint(deps, {
      operationId: 'updateProject',
      summary: 'Change a project',
      description:
        'Title, codename, services, confidentiality, contract, brief (merged field by field), research.',
      tag: 'Projects',
      auth: 'studio',
      body: 'json',
      ifMatch: true,
      ok: {
        status: 200,
        description: 'The project (staff view).',
        schema: projectViewSchema,
        etag: true,
      },
    }),
    params(pathOf('projectId')),
    json(v.omit(updateProjectSchema, ['id', 'version'])),
    async (c) => {
      const { projectId } = c.req.valid('param')
      const input = { ...c.req.valid('json'), id: projectId, version: c.get('atelierVersion') }
      const view = await atelier.projects.update(scopeOf(c), input)
      return versioned(c, view, view.version)
    },
  )

  app.post(
    '/projects/:projectId/notes',
    endpoint(deps, {
      operationId: 'addNote',
      summary: 'Add a note to the activity',
      description:
        '`visibility: client` shows it in the tracker; `internal` (default) keeps it backstage.',
      tag: 'Projects',
      auth: 'studio',
      body: 'json',
      idempotent: true,
      ok: { status: 204, description: 'Added.' },
    }),
    params(pathOf('projectId')),
    json(v.omit(addNoteSchema, ['projectId'])),
    async (c) => {
      const { projectId } = c.req.valid('param')
      await atelier.projects.addNote(scopeOf(c), { ...c.req.valid('json'), projectId })
      return c.body(null, 204)
    },
  )

  return app
}
