import type { Scope } from '../internal/atoms.js'
import type { Page } from '../internal/page.js'
import type { ListProjectsInput } from '../project/project.js'
import { viewProject } from '../view/view-project.js'
import type { ProjectView } from '../view/view-types.js'
import { appendAccess } from './access-log.js'
import { type Deps, inStudio } from './context.js'
import { loadProject } from './load.js'
import type { projectService } from './project-service.js'
import { type ForScope, projectViewIn, viewerOf } from './views.js'

/** Projections of projects for the scope's actor: the tracker view and lists. */
export function projectViewService(deps: Deps, projects: ReturnType<typeof projectService>) {
  return {
    /**
     * The project as the scope's actor may see it (staff: everything; client: the tracker).
     * On `strict` projects every client view is written to the access log.
     */
    async view<S extends Scope>(scope: S, projectId: string): Promise<ForScope<S, ProjectView>> {
      const viewer = viewerOf(scope)
      // A client's view of a `strict` project is logged in the same transaction that reads it,
      // so a client reads in one snapshot that may write; staff read only.
      const view = await inStudio(
        deps,
        scope,
        async (ctx) => {
          const project = await loadProject(ctx, scope, projectId)
          if (viewer.kind === 'client' && project.confidentiality === 'strict') {
            await appendAccess(ctx, {
              projectId,
              viewer: { kind: 'client', id: viewer.clientId },
              action: 'view',
            })
          }
          return projectViewIn(ctx, scope, project)
        },
        viewer.kind === 'client' ? { snapshot: true } : { readOnly: true },
      )
      return view as ForScope<S, ProjectView>
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
