import { AtelierError } from '../errors/atelier-error.js'
import type { Scope } from '../internal/atoms.js'
import { sha256Hex } from '../internal/hash.js'
import type { StoredView } from '../storage/storage-port.js'
import { viewProject } from '../view/view-project.js'
import { viewValidUntil } from '../view/view-valid-until.js'
import { appendAccess } from './access-log.js'
import { type Deps, inStudio } from './context.js'
import { isLive, UNAUTHORIZED } from './live-credential.js'
import { loadProject } from './load.js'
import { loadSnapshot } from './load-snapshot.js'
import { viewerOf } from './views.js'

/** A project view as JSON, with a strong validator for conditional requests. */
export interface ViewDocument {
  /** The `ProjectView` as JSON, UTF-8 encoded: a response body as it is. */
  body: Uint8Array<ArrayBuffer>
  /** A strong ETag value (without quotes) that changes whenever `body` does. */
  etag: string
}

const utf8 = new TextEncoder()

/**
 * The client's stored view, if current. With the scope's client token, one read outside any
 * transaction that also checks the token live; otherwise one read-only transaction.
 */
async function storedClientView(
  deps: Deps,
  scope: Scope,
  projectId: string,
  clientId: string,
  now: string,
): Promise<StoredView | undefined> {
  const { credential, studioId } = scope
  let view: StoredView | undefined
  if (credential?.kind === 'client_token') {
    const read = await deps.storage.readClientView({ studioId, projectId, tokenId: credential.id })
    const { token } = read
    if (!isLive(token, now) || token?.clientId !== clientId) {
      throw new AtelierError('unauthorized', UNAUTHORIZED)
    }
    view = read.view
  } else if (!credential) {
    view = await deps.storage.transaction(
      (tx) => tx.scoped(studioId).views.get(projectId, 'client'),
      { readOnly: true },
    )
  }
  const current =
    view?.clientId === clientId && (view.validUntil === undefined || now < view.validUntil)
  return current ? view : undefined
}

/**
 * The project as the scope's actor sees it, as a JSON document. A client's view is kept as a
 * stored document (marked stale in the same transaction as every change to what it shows, and
 * good until its next time-dependent change): a read of a current one is one read-only
 * storage read of two rows (the scope's client token, checked live, and the document), nothing
 * built. Otherwise one write transaction builds it and stores
 * it; on `strict` projects, where every client view is logged, it is built and logged every time
 * and never stored.
 *
 * @example
 * const { body, etag } = await viewDocument(deps, clientScope, projectId)
 */
export async function viewDocument(
  deps: Deps,
  scope: Scope,
  projectId: string,
): Promise<ViewDocument> {
  const viewer = viewerOf(scope)
  if (viewer.kind === 'client') {
    const now = deps.runtime.clock().toISOString()
    const stored = await storedClientView(deps, scope, projectId, viewer.clientId, now)
    if (stored) return { body: stored.doc, etag: stored.etag }
  }
  return inStudio(
    deps,
    scope,
    async (ctx) => {
      const project = await loadProject(ctx, scope, projectId)
      const snapshot = await loadSnapshot(ctx, project, viewer)
      const body = utf8.encode(JSON.stringify(viewProject(snapshot, viewer, ctx.now)))
      const etag = sha256Hex(body).slice(0, 32)
      if (viewer.kind !== 'client') return { body, etag }
      if (project.confidentiality === 'strict') {
        await appendAccess(ctx, {
          projectId,
          viewer: { kind: 'client', id: viewer.clientId },
          action: 'view',
        })
        return { body, etag }
      }
      const validUntil = viewValidUntil(snapshot, ctx.now)
      const head = (await ctx.repos.audit.head(projectId))?.seq ?? 0
      await ctx.repos.views.put({
        projectId,
        viewer: viewer.kind,
        clientId: viewer.clientId,
        etag,
        doc: body,
        head,
        ...(validUntil && { validUntil }),
      })
      return { body, etag }
    },
    viewer.kind === 'client' ? { snapshot: true } : { readOnly: true },
  )
}
