import { expect, it } from 'vitest'
import { runHttpJourney } from '../support/http-journey.js'
import { accountRoutes } from './account.js'
import { auditRoutes } from './audit.js'
import { clientSideRoutes } from './client.js'
import { clientRoutes } from './clients.js'
import type { RouteContext } from './context.js'
import { deliverableRoutes } from './deliverables.js'
import { memberRoutes } from './members.js'
import { projectRoutes } from './projects.js'
import { publicRoutes } from './public.js'
import { revisionRoutes } from './revisions.js'
import { sharingRoutes } from './sharing.js'
import { signoffRoutes } from './signoffs.js'
import { studioRoutes } from './studio.js'

/**
 * Every route suite, happy paths and errors, after a whole project driven over HTTP: what
 * routes.test.ts runs, and what transactions.test.ts runs again over a counting storage.
 *
 * @example
 * describe('every route', () => allRoutes(() => context))
 */
export function allRoutes(ctx: () => RouteContext): void {
  it('drives a whole project over HTTP', async () => {
    const project = await runHttpJourney(ctx().call, ctx().sk.token)
    expect(project.project.state).toBe('aftercare')
  })
  studioRoutes(ctx)
  memberRoutes(ctx)
  accountRoutes(ctx)
  clientRoutes(ctx)
  projectRoutes(ctx)
  deliverableRoutes(ctx)
  revisionRoutes(ctx)
  signoffRoutes(ctx)
  sharingRoutes(ctx)
  auditRoutes(ctx)
  clientSideRoutes(ctx)
  publicRoutes(ctx)
}
