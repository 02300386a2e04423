import { describe, expect, it } from 'vitest'
import { auditRoutes } from './routes/audit.js'
import { clientSideRoutes } from './routes/client.js'
import { clientRoutes } from './routes/clients.js'
import { type RouteContext, routeContext } from './routes/context.js'
import { deliverableRoutes } from './routes/deliverables.js'
import { projectRoutes } from './routes/projects.js'
import { publicRoutes } from './routes/public.js'
import { revisionRoutes } from './routes/revisions.js'
import { sharingRoutes } from './routes/sharing.js'
import { signoffRoutes } from './routes/signoffs.js'
import { studioRoutes } from './routes/studio.js'
import { conformance } from './support/conformance.js'
import { runHttpJourney } from './support/http-journey.js'

describe('every route, happy path and errors', async () => {
  const context: RouteContext = await routeContext()
  const ctx = () => context

  it('drives a whole project over HTTP', async () => {
    const project = await runHttpJourney(context.call, context.sk.token)
    expect(project.project.state).toBe('aftercare')
  })
  studioRoutes(ctx)
  clientRoutes(ctx)
  projectRoutes(ctx)
  deliverableRoutes(ctx)
  revisionRoutes(ctx)
  signoffRoutes(ctx)
  sharingRoutes(ctx)
  auditRoutes(ctx)
  clientSideRoutes(ctx)
  publicRoutes(ctx)

  it('answered 2xx on every operation of the document', async () => {
    const { doc } = await conformance(context.world.app)
    const all = Object.values(doc.paths).flatMap((item) =>
      Object.values(item).map((op) => op.operationId),
    )
    expect(all.filter((id) => !context.call.succeeded.has(id))).toEqual([])
  })
})
