import { createDeliverableSchema } from '@atelier/core'
import { Hono } from 'hono'
import * as v from 'valibot'
import type { ApiDeps } from '../context.js'
import { endpoint } from '../endpoint.js'
import { locationOf, scopeOf } from '../http/caller.js'
import { fileResponse, limitStream } from '../http/files.js'
import { fileParams, pathOf, uploadQuery } from '../http/params.js'
import { json, params, query } from '../http/validate.js'
import { listOf } from '../openapi/schemas/common.js'
import { deliverableViewSchema, versionViewSchema } from '../openapi/schemas/project-view.js'

/**
 * Deliverables and their versions. Uploads stream the raw body into core (sha256 computed on
 * the way, size-limited); downloads stream the bytes back with their hash as the ETag.
 *
 * @example
 * app.route('/v1', deliverableRoutes(deps))
 */
export function deliverableRoutes(deps: ApiDeps) {
  const { atelier } = deps
  const app = new Hono()

  app.post(
    '/projects/:projectId/deliverables',
    endpoint(deps, {
      operationId: 'createDeliverable',
      summary: 'Create a deliverable',
      description:
        'A thing the studio makes (`proposal`, `design`, `final`, `source`); its files are its versions.',
      tag: 'Deliverables',
      auth: 'studio',
      body: 'json',
      idempotent: true,
      ok: {
        status: 201,
        description: 'The deliverable, without versions yet.',
        schema: deliverableViewSchema,
      },
      errors: [409],
    }),
    params(pathOf('projectId')),
    json(v.omit(createDeliverableSchema, ['projectId'])),
    async (c) => {
      const { projectId } = c.req.valid('param')
      const input = { ...c.req.valid('json'), projectId }
      return c.json(await atelier.deliverables.create(scopeOf(c), input), 201)
    },
  )

  app.get(
    '/projects/:projectId/deliverables',
    endpoint(deps, {
      operationId: 'listDeliverables',
      summary: "List a project's deliverables",
      tag: 'Deliverables',
      auth: 'studio',
      ok: {
        status: 200,
        description: 'Deliverables with their versions.',
        schema: listOf(deliverableViewSchema),
      },
    }),
    params(pathOf('projectId')),
    async (c) => {
      const { projectId } = c.req.valid('param')
      return c.json({ items: await atelier.deliverables.list(scopeOf(c), projectId) })
    },
  )

  app.post(
    '/deliverables/:deliverableId/versions',
    endpoint(deps, {
      operationId: 'uploadVersion',
      summary: 'Upload a new version',
      description:
        "The body is the file's bytes, `Content-Type` its media type, `?filename=` its name. Streamed; sha256 computed by the server; pending sign-offs naming an older version are superseded. During a revision round only an open round takes versions.",
      tag: 'Deliverables',
      auth: 'studio',
      body: 'raw',
      ok: {
        status: 201,
        description: 'The version.',
        schema: versionViewSchema,
        etag: true,
        location: true,
      },
      errors: [409],
    }),
    params(pathOf('deliverableId')),
    query(uploadQuery),
    async (c) => {
      const { deliverableId } = c.req.valid('param')
      const mediaType = c.req.header('Content-Type')?.split(';')[0]?.trim() ?? ''
      const body = limitStream(c.req.raw.body!, deps.opts.maxUploadBytes)
      const version = await atelier.deliverables.addVersion(
        scopeOf(c),
        { ...c.req.valid('query'), deliverableId, mediaType },
        body,
      )
      return c.json(version, 201, {
        ETag: `"${version.sha256}"`,
        Location: locationOf(c, version.n, 'file'),
      })
    },
  )

  app.get(
    '/deliverables/:deliverableId/versions/:n/file',
    endpoint(deps, {
      operationId: 'downloadVersion',
      summary: "Download a version's file",
      description:
        '`ETag` is the sha256 of the bytes; `Content-Disposition` carries the UTF-8 file name.',
      tag: 'Deliverables',
      auth: 'studio',
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

  return app
}
