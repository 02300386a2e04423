import { decisionSchema } from '@atelier/core'
import { Hono } from 'hono'
import type { ApiDeps } from '../context.js'
import { endpoint } from '../endpoint.js'
import { tokenOf } from '../http/caller.js'
import { clientIpOf } from '../http/client-ip.js'
import { fileResponse } from '../http/files.js'
import { fileParams } from '../http/params.js'
import { json, params } from '../http/validate.js'
import { signerViewSchema } from '../openapi/schemas/records.js'
import { decidedSchema } from './client-signoffs.js'

/**
 * What the holder of one sign-off link may do, with its `atl_so_` token in `Authorization`:
 * read what is to be signed (GET and HEAD never change decision state; mail scanners open
 * links first), fetch its files, and decide with an explicit POST.
 *
 * @example
 * app.route('/v1', signoffLinkRoutes(deps))
 */
export function signoffLinkRoutes(deps: ApiDeps) {
  const { atelier } = deps
  const app = new Hono()

  app.get(
    '/signoff',
    endpoint(deps, {
      operationId: 'openSignoff',
      summary: 'Read the sign-off (GET or HEAD)',
      description:
        'The files (by sha256), round, quote or share it concerns, and its status; after an approval, the receipt. Side-effect free for the decision; HEAD answers too. 401 for an unknown token, 410 when expired, withdrawn or superseded.',
      tag: 'Sign-off link',
      auth: 'signoff',
      ok: { status: 200, description: 'What the signer sees.', schema: signerViewSchema },
      errors: [410],
    }),
    async (c) => c.json(await atelier.signoffs.open(tokenOf(c), { log: c.req.method !== 'HEAD' })),
  )

  app.get(
    '/signoff/files/:deliverableId/:n',
    endpoint(deps, {
      operationId: 'downloadSignoffFile',
      summary: 'Download a file of the sign-off',
      tag: 'Sign-off link',
      auth: 'signoff',
      ok: { status: 200, description: 'The bytes.', file: true, etag: true },
      errors: [410],
    }),
    params(fileParams),
    async (c) => {
      const { deliverableId, n } = c.req.valid('param')
      return fileResponse(
        c,
        await atelier.signoffs.openFile(tokenOf(c), { deliverableId, version: n }),
      )
    },
  )

  app.post(
    '/signoff/decision',
    endpoint(deps, {
      operationId: 'decideSignoff',
      summary: 'Decide: approve, request changes or decline',
      description:
        'The signer types their `name`. Single-use: the same decision again returns the stored result (`Idempotent-Replayed: true`); a different one is 409; expired or withdrawn is 410. An approval returns the receipt, signed with the studio key (verify it with `GET /v1/studios/{studioId}/public-keys`).',
      tag: 'Sign-off link',
      auth: 'signoff',
      body: 'json',
      ok: {
        status: 200,
        description: 'The decided sign-off and, for an approval, its receipt.',
        schema: decidedSchema,
      },
      errors: [409, 410],
    }),
    json(decisionSchema),
    async (c) => {
      const context = { userAgent: c.req.header('User-Agent'), ip: clientIpOf(c, deps.opts) }
      const { replayed, ...decided } = await atelier.signoffs.decide(
        tokenOf(c),
        c.req.valid('json'),
        context,
      )
      const headers = replayed ? { 'Idempotent-Replayed': 'true' } : undefined
      return c.json(decided, 200, headers)
    },
  )

  return app
}
