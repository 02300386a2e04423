import type { Viewer } from '../confidentiality/visibility.js'
import type { Project } from '../project/project.js'
import type { ProjectSnapshot } from '../view/view-project.js'
import type { StudioTx } from './context.js'

/** The newest activity items a view carries. */
export const ACTIVITY_LIMIT = 200

/**
 * Reads what a viewer's projection draws from, and nothing more: a signer's view does not
 * load activity, a public view loads nothing but the project.
 */
export async function loadSnapshot(
  ctx: StudioTx,
  project: Project,
  viewer: Viewer,
): Promise<ProjectSnapshot> {
  const { repos } = ctx
  const id = project.id
  const { id: studioId, name } = await ctx.studio()
  const studio = { id: studioId, name }
  if (viewer.kind === 'public') return { project, studio }
  const files = Promise.all([
    repos.deliverables.listByProject(id),
    repos.versions.listByProject(id),
  ])
  const client = repos.clients.get(project.clientId)
  if (viewer.kind === 'signer' || viewer.kind === 'third_party') {
    const [[deliverables, versions], c, signoffs, rounds, grants] = await Promise.all([
      files,
      client,
      viewer.kind === 'signer'
        ? repos.signoffs.get(viewer.signoffId).then((s) => (s ? [s] : []))
        : [],
      viewer.kind === 'signer' ? repos.rounds.listByProject(id) : undefined,
      viewer.kind === 'third_party'
        ? repos.grants.get(viewer.grantId).then((g) => (g ? [g] : []))
        : undefined,
    ])
    return {
      project,
      studio,
      client: c,
      deliverables,
      versions,
      signoffs,
      rounds,
      grants,
    }
  }
  const staff = viewer.kind === 'staff'
  const [[deliverables, versions], c, rounds, signoffs, grants, consents, activity, accessLog] =
    await Promise.all([
      files,
      client,
      repos.rounds.listByProject(id),
      repos.signoffs.listByProject(id),
      repos.grants.listByProject(id),
      repos.consents.listByProject(id),
      repos.audit.list(id, {
        order: 'desc',
        limit: ACTIVITY_LIMIT,
        ...(!staff && { visibility: 'client' as const }),
      }),
      staff ? repos.accessLog.list(id, { limit: 100 }) : undefined,
    ])
  return {
    project,
    studio,
    client: c,
    deliverables,
    versions,
    rounds,
    signoffs,
    grants,
    consents,
    activity,
    accessLog,
  }
}
