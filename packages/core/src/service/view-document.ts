import type { Scope } from '../internal/atoms.js'
import { sha256Hex } from '../internal/hash.js'
import { viewProject } from '../view/view-project.js'
import { viewValidUntil } from '../view/view-valid-until.js'
import { appendAccess } from './access-log.js'
import { type Deps, inStudio } from './context.js'
import { assertLive } from './live-credential.js'
import { loadProject } from './load.js'
import { loadSnapshot } from './load-snapshot.js'
import { viewerOf } from './views.js'

/** A project view as JSON, with a strong validator for conditional requests. */
export interface ViewDocument {
  /** The `ProjectView`, serialised. */
  json: string
  /** A strong ETag value (without quotes) that changes whenever `json` does. */
  etag: string
}

/**
 * The project as the scope's actor sees it, as a JSON document. A client's view is kept as a
 * stored document (marked stale in the same transaction as every change to what it shows, and
 * good until its next time-dependent change): a read of a current one is one read-only
 * transaction with two independent rows (the scope's credential, checked live, and the
 * document), nothing built. Otherwise one write transaction builds it and stores
 * it; on `strict` projects, where every client view is logged, it is built and logged every time
 * and never stored.
 *
 * @example
 * const { json, etag } = await viewDocument(deps, clientScope, projectId)
 */
export async function viewDocument(
  deps: Deps,
  scope: Scope,
  projectId: string,
): Promise<ViewDocument> {
  const viewer = viewerOf(scope)
  if (viewer.kind === 'client') {
    const now = deps.runtime.clock().toISOString()
    const stored = await deps.storage.transaction(
      async (tx) => {
        const repos = tx.scoped(scope.studioId)
        const [view] = await Promise.all([
          repos.views.get(projectId, viewer.kind),
          scope.credential && assertLive(repos, scope.credential, now),
        ])
        return view
      },
      { readOnly: true, independent: true },
    )
    if (
      stored?.clientId === viewer.clientId &&
      (stored.validUntil === undefined || now < stored.validUntil)
    ) {
      return { json: stored.doc, etag: stored.etag }
    }
  }
  return inStudio(
    deps,
    scope,
    async (ctx) => {
      const project = await loadProject(ctx, scope, projectId)
      const snapshot = await loadSnapshot(ctx, project, viewer)
      const json = JSON.stringify(viewProject(snapshot, viewer, ctx.now))
      const etag = sha256Hex(json).slice(0, 32)
      if (viewer.kind !== 'client') return { json, etag }
      if (project.confidentiality === 'strict') {
        await appendAccess(ctx, {
          projectId,
          viewer: { kind: 'client', id: viewer.clientId },
          action: 'view',
        })
        return { json, etag }
      }
      const validUntil = viewValidUntil(snapshot, ctx.now)
      await ctx.repos.views.put({
        projectId,
        viewer: viewer.kind,
        clientId: viewer.clientId,
        etag,
        doc: json,
        ...(validUntil && { validUntil }),
      })
      return { json, etag }
    },
    viewer.kind === 'client' ? { snapshot: true } : { readOnly: true },
  )
}
