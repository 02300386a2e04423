import { Hono } from 'hono'
import type { ApiDeps } from '../context.js'
import { endpoint } from '../endpoint.js'
import { tokenOf } from '../http/caller.js'
import { fileResponse } from '../http/files.js'
import { fileParams } from '../http/params.js'
import { params } from '../http/validate.js'
import { projectViewSchema } from '../openapi/schemas/project-view.js'

/**
 * What a third party reads with a share token (`atl_sg_`), once the client consented (and the
 * party signed the NDA on strict projects): the shared files, under the codename on `nda` and
 * `strict` projects. Every access on a confidential project is logged.
 *
 * @example
 * app.route('/v1', sharedRoutes(deps))
 */
export function sharedRoutes(deps: ApiDeps) {
  const { atelier } = deps
  const app = new Hono()

  app.get(
    '/shared',
    endpoint(deps, {
      operationId: 'openShare',
      summary: 'Read what was shared',
      description:
        '403 until the client consents (and the NDA is signed); 410 when expired or revoked.',
      tag: 'Shared',
      auth: 'share_grant',
      ok: {
        status: 200,
        description: 'The project as the third party sees it.',
        schema: projectViewSchema,
      },
      errors: [410],
    }),
    async (c) => c.json(await atelier.grants.openShare(tokenOf(c))),
  )

  app.get(
    '/shared/files/:deliverableId/:n',
    endpoint(deps, {
      operationId: 'downloadSharedFile',
      summary: 'Download a shared file',
      tag: 'Shared',
      auth: 'share_grant',
      ok: { status: 200, description: 'The bytes.', file: true, etag: true },
      errors: [410],
    }),
    params(fileParams),
    async (c) => {
      const { deliverableId, n } = c.req.valid('param')
      return fileResponse(
        c,
        await atelier.grants.openShareFile(tokenOf(c), { deliverableId, version: n }),
      )
    },
  )

  return app
}
