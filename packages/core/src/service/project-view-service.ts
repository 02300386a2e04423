import { viewProject } from '../confidentiality/view-project.js'
import type { ProjectView } from '../confidentiality/view-types.js'
import type { Scope } from '../internal/atoms.js'
import type { Page } from '../internal/page.js'
import type { ListProjectsInput } from '../project/project.js'
import { logAccess } from './access-log.js'
import type { Deps } from './context.js'
import { readProject } from './load.js'
import { loadSnapshot } from './load-snapshot.js'
import type { projectService } from './project-service.js'
import { viewerOf } from './views.js'

/** Projections of projects for the scope's actor: the tracker view and lists. */
export function projectViewService(deps: Deps, projects: ReturnType<typeof projectService>) {
  return {
    /**
     * The project as the scope's actor may see it (staff: everything; client: the tracker).
     * On `strict` projects every client view is written to the access log.
     */
    async view(scope: Scope, projectId: string): Promise<ProjectView> {
      const viewer = viewerOf(scope)
      const { view, strict } = await readProject(deps, scope, projectId, async (ctx, project) => ({
        view: viewProject(await loadSnapshot(ctx, project, viewer), viewer, ctx.now),
        strict: project.confidentiality === 'strict',
      }))
      if (viewer.kind === 'client' && strict) {
        await logAccess(deps, scope.studioId, {
          projectId,
          viewer: { kind: 'client', id: viewer.clientId },
          action: 'view',
        })
      }
      return view
    },

    /** A page of projects, each as a summary projection (no files or activity). */
    async listViews(scope: Scope, input: ListProjectsInput = {}): Promise<Page<ProjectView>> {
      const viewer = viewerOf(scope)
      const page = await projects.list(scope, input)
      const now = deps.runtime.clock().toISOString()
      return { ...page, items: page.items.map((project) => viewProject({ project }, viewer, now)) }
    },
  }
}
