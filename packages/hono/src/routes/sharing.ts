import { createShareGrantSchema, requestPortfolioConsentSchema } from '@atelier/core'
import { Hono } from 'hono'
import * as v from 'valibot'
import type { ApiDeps } from '../context.js'
import { endpoint } from '../endpoint.js'
import { scopeOf } from '../http/caller.js'
import { linksFor } from '../http/links.js'
import { pathOf } from '../http/params.js'
import { json, params } from '../http/validate.js'
import { listOf } from '../openapi/schemas/common.js'
import { consentViewSchema, grantViewSchema } from '../openapi/schemas/workflow-views.js'

const link = v.optional(v.string())
const sharedSchema = v.strictObject({
  grant: grantViewSchema,
  link,
  consentLink: link,
  ndaLink: link,
})
const consentSchema = v.strictObject({ consent: consentViewSchema, link })

/**
 * Sharing files with a third party (works only after the client's `share_consent` sign-off,
 * and the party's `nda` on strict projects) and asking for portfolio consent.
 *
 * @example
 * app.route('/v1', sharingRoutes(deps))
 */
export function sharingRoutes(deps: ApiDeps) {
  const { atelier } = deps
  const links = linksFor(deps.opts.publicUrl)
  const app = new Hono()

  app.post(
    '/projects/:projectId/shares',
    endpoint(deps, {
      operationId: 'createShare',
      summary: 'Share files with a third party',
      description:
        "Returns the party's `link` (`<publicUrl>/shared#t=<token>`), the client's `consentLink` and, on strict projects, the party's `ndaLink`, once.",
      tag: 'Sharing',
      auth: 'studio',
      body: 'json',
      idempotent: true,
      ok: { status: 201, description: 'The grant and its links.', schema: sharedSchema },
      errors: [409],
    }),
    params(pathOf('projectId')),
    json(v.omit(createShareGrantSchema, ['projectId'])),
    async (c) => {
      const { projectId } = c.req.valid('param')
      const input = { ...c.req.valid('json'), projectId }
      const shared = await atelier.grants.createShare(scopeOf(c), input)
      const body = {
        grant: shared.grant,
        link: links.shared(shared.token),
        consentLink: links.signoff(shared.consent.token),
        ...(shared.nda && { ndaLink: links.signoff(shared.nda.token) }),
      }
      return c.json(body, 201)
    },
  )

  app.get(
    '/projects/:projectId/shares',
    endpoint(deps, {
      operationId: 'listShares',
      summary: "List a project's shares",
      tag: 'Sharing',
      auth: 'studio',
      ok: { status: 200, description: 'Share grants.', schema: listOf(grantViewSchema) },
    }),
    params(pathOf('projectId')),
    async (c) =>
      c.json({
        items: await atelier.grants.listShares(scopeOf(c), c.req.valid('param').projectId),
      }),
  )

  app.delete(
    '/shares/:grantId',
    endpoint(deps, {
      operationId: 'revokeShare',
      summary: 'End a share',
      tag: 'Sharing',
      auth: 'studio',
      ok: { status: 200, description: 'The revoked grant.', schema: grantViewSchema },
    }),
    params(pathOf('grantId')),
    async (c) => c.json(await atelier.grants.revokeShare(scopeOf(c), c.req.valid('param').grantId)),
  )

  app.post(
    '/projects/:projectId/portfolio-consents',
    endpoint(deps, {
      operationId: 'requestPortfolioConsent',
      summary: 'Ask to show the work in the portfolio',
      description:
        'Scope and embargo date; the client answers through the sign-off `link`, shown once.',
      tag: 'Sharing',
      auth: 'studio',
      body: 'json',
      idempotent: true,
      ok: { status: 201, description: 'The consent request and its link.', schema: consentSchema },
      errors: [409],
    }),
    params(pathOf('projectId')),
    json(v.omit(requestPortfolioConsentSchema, ['projectId'])),
    async (c) => {
      const { projectId } = c.req.valid('param')
      const input = { ...c.req.valid('json'), projectId }
      const { consent, token } = await atelier.grants.requestPortfolioConsent(scopeOf(c), input)
      return c.json({ consent, link: links.signoff(token) }, 201)
    },
  )

  app.get(
    '/projects/:projectId/portfolio-consents',
    endpoint(deps, {
      operationId: 'listPortfolioConsents',
      summary: "List a project's portfolio consents",
      tag: 'Sharing',
      auth: 'studio',
      ok: { status: 200, description: 'Portfolio consents.', schema: listOf(consentViewSchema) },
    }),
    params(pathOf('projectId')),
    async (c) => {
      const { projectId } = c.req.valid('param')
      return c.json({ items: await atelier.grants.listPortfolioConsents(scopeOf(c), projectId) })
    },
  )

  app.delete(
    '/portfolio-consents/:consentId',
    endpoint(deps, {
      operationId: 'revokePortfolioConsent',
      summary: 'Withdraw a portfolio consent',
      tag: 'Sharing',
      auth: 'studio',
      ok: { status: 200, description: 'The revoked consent.', schema: consentViewSchema },
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
