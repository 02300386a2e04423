import { describe, expect, it } from 'vitest'
import { allRoutes } from './routes/all.js'
import { type RouteContext, routeContext } from './routes/context.js'
import { conformance } from './support/conformance.js'

describe('every route, happy path and errors', async () => {
  const context: RouteContext = await routeContext()
  const ctx = () => context

  allRoutes(ctx)

  it('answered 2xx on every operation of the document', async () => {
    const { doc } = await conformance(context.world.app)
    const all = Object.values(doc.paths).flatMap((item) =>
      Object.values(item).map((op) => op.operationId),
    )
    expect(all.filter((id) => !context.call.succeeded.has(id))).toEqual([])
  })
})
