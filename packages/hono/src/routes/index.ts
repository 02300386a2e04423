import { Hono } from 'hono'
import type { ApiDeps } from '../context.js'
import { accountRoutes } from './account.js'
import { auditRoutes } from './audit.js'
import { clientSideRoutes } from './client.js'
import { clientSignoffRoutes } from './client-signoffs.js'
import { clientRoutes } from './clients.js'
import { deliverableRoutes } from './deliverables.js'
import { memberRoutes } from './members.js'
import { projectRoutes } from './projects.js'
import { publicRoutes } from './public.js'
import { revisionRoutes } from './revisions.js'
import { sharedRoutes } from './shared.js'
import { sharingRoutes } from './sharing.js'
import { signoffLinkRoutes } from './signoff-link.js'
import { signoffRoutes } from './signoffs.js'
import { stageRoutes } from './stages.js'
import { studioRoutes } from './studio.js'

const modules = [
  studioRoutes,
  memberRoutes,
  accountRoutes,
  clientRoutes,
  projectRoutes,
  stageRoutes,
  deliverableRoutes,
  revisionRoutes,
  signoffRoutes,
  sharingRoutes,
  auditRoutes,
  clientSideRoutes,
  clientSignoffRoutes,
  signoffLinkRoutes,
  sharedRoutes,
  publicRoutes,
]

/**
 * Every `/v1` route module, one per resource.
 *
 * @example
 * app.route('/v1', v1Routes(deps))
 */
export function v1Routes(deps: ApiDeps) {
  const app = new Hono()
  for (const routes of modules) app.route('/', routes(deps))
  return app
}
