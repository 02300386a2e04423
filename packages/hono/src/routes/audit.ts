import { Hono } from 'hono'
import type { ApiDeps } from '../context.js'
import { endpoint } from '../endpoint.js'
import { scopeOf } from '../http/caller.js'
import { accessLogQuery, pathOf } from '../http/params.js'
import { params, query } from '../http/validate.js'
import { listOf } from '../openapi/schemas/common.js'
import { accessLogViewSchema } from '../openapi/schemas/project-view.js'
import { auditEventSchema, chainVerificationSchema } from '../openapi/schemas/records.js'

/**
 * The audit chain (every event with its hashes, so anyone can re-verify it with core's
 * `verifyAuditChain`), its verification, and the access log of confidential projects.
 *
 * @example
 * app.route('/v1', auditRoutes(deps))
 */
export function auditRoutes(deps: ApiDeps) {
  const { atelier } = deps
  const app = new Hono()

  app.get(
    '/projects/:projectId/audit',
    endpoint(deps, {
      operationId: 'listAuditEvents',
      summary: "Read a project's audit chain",
      description:
        'Every event, oldest first, frontstage and backstage, with `prevHash` and `hash`.',
      tag: 'Audit',
      auth: 'studio',
      ok: { status: 200, description: 'The chain.', schema: listOf(auditEventSchema) },
    }),
    params(pathOf('projectId')),
    async (c) =>
      c.json({ items: await atelier.audit.list(scopeOf(c), c.req.valid('param').projectId) }),
  )

  app.get(
    '/projects/:projectId/audit/verification',
    endpoint(deps, {
      operationId: 'verifyAuditChain',
      summary: "Verify a project's audit chain",
      description: 'Recomputes every hash and checks the heads signed into receipts.',
      tag: 'Audit',
      auth: 'studio',
      ok: { status: 200, description: 'The verification.', schema: chainVerificationSchema },
    }),
    params(pathOf('projectId')),
    async (c) => c.json(await atelier.audit.verify(scopeOf(c), c.req.valid('param').projectId)),
  )

  app.get(
    '/projects/:projectId/access-log',
    endpoint(deps, {
      operationId: 'listAccessLog',
      summary: "Read a project's access log",
      description: 'Who viewed or downloaded what on a confidential project, newest first.',
      tag: 'Audit',
      auth: 'studio',
      ok: { status: 200, description: 'Access log entries.', schema: listOf(accessLogViewSchema) },
    }),
    params(pathOf('projectId')),
    query(accessLogQuery),
    async (c) => {
      const { projectId } = c.req.valid('param')
      const { limit } = c.req.valid('query')
      return c.json({ items: await atelier.audit.accessLog(scopeOf(c), projectId, limit) })
    },
  )

  return app
}
