import { createSignoffSchema } from '@atelier/core'
import { Hono } from 'hono'
import * as v from 'valibot'
import type { ApiDeps } from '../context.js'
import { endpoint } from '../endpoint.js'
import { scopeOf } from '../http/caller.js'
import { linksFor } from '../http/links.js'
import { pathOf } from '../http/params.js'
import { json, params } from '../http/validate.js'
import { listOf } from '../openapi/schemas/common.js'
import { signoffViewSchema } from '../openapi/schemas/workflow-views.js'

const createdSchema = v.strictObject({ signoff: signoffViewSchema, link: v.optional(v.string()) })

/**
 * Sign-off requests as the studio manages them: ask for approval of exact files (the link is
 * returned once), list them, withdraw one.
 *
 * @example
 * app.route('/v1', signoffRoutes(deps))
 */
export function signoffRoutes(deps: ApiDeps) {
  const { atelier } = deps
  const links = linksFor(deps.opts.publicUrl)
  const app = new Hono()

  app.post(
    '/projects/:projectId/signoffs',
    endpoint(deps, {
      operationId: 'createSignoff',
      summary: 'Ask the client to approve files',
      description:
        'A `proposal`, `review` or `final` sign-off bound to exact versions by sha256. `link` = `<publicUrl>/s/<token>`, in this response only.',
      tag: 'Sign-offs',
      auth: 'studio',
      body: 'json',
      idempotent: true,
      ok: { status: 201, description: 'The sign-off and its link.', schema: createdSchema },
      errors: [409],
    }),
    params(pathOf('projectId')),
    json(v.omit(createSignoffSchema, ['projectId'])),
    async (c) => {
      const scope = scopeOf(c)
      const { projectId } = c.req.valid('param')
      const { signoff, token } = await atelier.signoffs.create(scope, {
        ...c.req.valid('json'),
        projectId,
      })
      return c.json({ signoff, link: links.signoff(token) }, 201)
    },
  )

  app.get(
    '/projects/:projectId/signoffs',
    endpoint(deps, {
      operationId: 'listSignoffs',
      summary: "List a project's sign-offs",
      tag: 'Sign-offs',
      auth: 'studio',
      ok: {
        status: 200,
        description: 'Sign-offs, oldest first.',
        schema: listOf(signoffViewSchema),
      },
    }),
    params(pathOf('projectId')),
    async (c) => {
      const items = await atelier.signoffs.list(scopeOf(c), c.req.valid('param').projectId)
      return c.json({ items })
    },
  )

  app.post(
    '/signoffs/:signoffId/revoke',
    endpoint(deps, {
      operationId: 'revokeSignoff',
      summary: 'Withdraw a pending sign-off',
      description: 'Its link answers 410 `gone` from now on.',
      tag: 'Sign-offs',
      auth: 'studio',
      ok: { status: 200, description: 'The revoked sign-off.', schema: signoffViewSchema },
      errors: [409],
    }),
    params(pathOf('signoffId')),
    async (c) => c.json(await atelier.signoffs.revoke(scopeOf(c), c.req.valid('param').signoffId)),
  )

  return app
}
