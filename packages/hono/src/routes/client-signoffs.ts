import { decisionSchema } from '@atelier/core'
import { Hono } from 'hono'
import * as v from 'valibot'
import type { ApiDeps } from '../context.js'
import { endpoint } from '../endpoint.js'
import { scopeOf } from '../http/caller.js'
import { clientIpOf } from '../http/client-ip.js'
import { pathOf } from '../http/params.js'
import { json, params } from '../http/validate.js'
import { receiptSchema, signerViewSchema } from '../openapi/schemas/records.js'
import { consentViewSchema, signoffViewSchema } from '../openapi/schemas/workflow-views.js'

/**
 * What a decision returns: the sign-off as it now is, and the receipt of an approval.
 *
 * @example
 * resolver(decidedSchema)
 */
export const decidedSchema = v.strictObject({
  signoff: signoffViewSchema,
  receipt: v.optional(receiptSchema),
})

/**
 * The client's sign-offs in the tracker: open one, decide it (same single-use rules as a
 * link), and withdraw a portfolio consent.
 *
 * @example
 * app.route('/v1', clientSignoffRoutes(deps))
 */
export function clientSignoffRoutes(deps: ApiDeps) {
  const { atelier } = deps
  const app = new Hono()

  app.get(
    '/client/signoffs/:signoffId',
    endpoint(deps, {
      operationId: 'getMySignoff',
      summary: 'Open one of my sign-offs',
      description: 'Never changes decision state.',
      tag: 'Client',
      auth: 'client_token',
      ok: {
        status: 200,
        description: 'The sign-off with what it concerns.',
        schema: signerViewSchema,
      },
      errors: [410],
    }),
    params(pathOf('signoffId')),
    async (c) =>
      c.json(await atelier.signoffs.openAsClient(scopeOf(c), c.req.valid('param').signoffId)),
  )

  app.post(
    '/client/signoffs/:signoffId/decision',
    endpoint(deps, {
      operationId: 'decideMySignoff',
      summary: 'Decide one of my sign-offs',
      description:
        'Approve, request changes or decline. Single-use: the same decision again returns the stored result (`Idempotent-Replayed: true`), a different one is 409; expired or withdrawn is 410. An approval returns the signed receipt.',
      tag: 'Client',
      auth: 'client_token',
      body: 'json',
      ok: {
        status: 200,
        description: 'The decided sign-off and, for an approval, its receipt.',
        schema: decidedSchema,
      },
      errors: [409, 410],
    }),
    params(pathOf('signoffId')),
    json(decisionSchema),
    async (c) => {
      const context = { userAgent: c.req.header('User-Agent'), ip: clientIpOf(c, deps.opts) }
      const { replayed, ...decided } = await atelier.signoffs.decideAsClient(
        scopeOf(c),
        c.req.valid('param').signoffId,
        c.req.valid('json'),
        context,
      )
      const headers = replayed ? { 'Idempotent-Replayed': 'true' } : undefined
      return c.json(decided, 200, headers)
    },
  )

  app.delete(
    '/client/portfolio-consents/:consentId',
    endpoint(deps, {
      operationId: 'revokeMyPortfolioConsent',
      summary: 'Withdraw my portfolio consent',
      tag: 'Client',
      auth: 'client_token',
      ok: { status: 200, description: 'The withdrawn consent.', schema: consentViewSchema },
      errors: [409],
    }),
    params(pathOf('consentId')),
    async (c) =>
      c.json(
        await atelier.grants.revokePortfolioConsent(scopeOf(c), c.req.valid('param').consentId),
      ),
  )

  return app
}
