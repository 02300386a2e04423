import {
  type AuditEvent,
  type ChainHead,
  chainEvent,
  type Visibility,
} from '../audit/audit-chain.js'
import type { BlobStore } from '../blob/blob-store.js'
import { AtelierError } from '../errors/atelier-error.js'
import type { Actor, Scope } from '../internal/atoms.js'
import { newId } from '../internal/ids.js'
import type { Runtime } from '../internal/runtime.js'
import type {
  ScopedRepositories,
  Storage,
  StorageTransaction,
  TransactionOptions,
} from '../storage/storage-port.js'
import type { Studio } from '../studio/studio.js'
import { assertLive } from './live-credential.js'
import { readOnce } from './read-once.js'

/** What every service namespace is built from. */
export interface Deps {
  storage: Storage
  blobs: BlobStore
  runtime: Runtime
  /** Largest accepted upload, in bytes. */
  maxUploadBytes: number
}

/** One transaction inside one studio. */
export interface StudioTx {
  tx: StorageTransaction
  repos: ScopedRepositories
  now: string
  studioId: string
  studio(): Promise<Studio>
  /** Appends to a project's audit chain in this transaction. */
  audit(
    projectId: string,
    actor: Actor,
    action: string,
    data: Record<string, unknown>,
    visibility: Visibility,
  ): Promise<AuditEvent>
  id(prefix: string): string
  /**
   * The one compare-and-set write of a versioned record: stores `next` as version
   * `current.version + 1` (with `updatedAt` set to `now` where the record has one) only while the
   * stored row is still at `current.version`, else throws `write_conflict`: `current` was read in
   * this transaction, so another one changed the row since, and the whole transaction runs again
   * on what is stored now. (A caller's own stale version is refused before, by `expectVersion`,
   * as `version_mismatch`.) Returns the stored row.
   */
  write<T extends Versioned>(
    repo: CasRepository<T>,
    current: T,
    next: NoInfer<T>,
    kind: string,
  ): Promise<T>
}

/** A record with an id and an optimistic-concurrency version. */
export interface Versioned {
  id: string
  version: number
}

/** A repository that writes with compare-and-set on the version. */
export interface CasRepository<T> {
  update(row: T, expectedVersion: number): Promise<boolean>
}

const MAX_ATTEMPTS = 5

/**
 * Runs `fn` in a storage transaction scoped to one studio. A `write_conflict` (two appends
 * racing for the same audit sequence number, a compare-and-set that lost to a concurrent
 * transaction) re-runs the whole function, which re-reads everything it needs; after five
 * attempts the conflict surfaces. The studio is a scope's (whose
 * credential, if it names one, is checked live first, in this same transaction), an id, or found
 * first in the same transaction (a link's token, through the global `lookups`).
 */
export async function inStudio<T>(
  deps: Deps,
  where: Scope | string | ((tx: StorageTransaction) => Promise<string>),
  fn: (ctx: StudioTx) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.storage.transaction(async (tx) => {
        const id =
          typeof where === 'string'
            ? where
            : typeof where === 'function'
              ? await where(tx)
              : where.studioId
        const { ctx, stale } = studioTx(deps, tx, id)
        if (typeof where === 'object' && where.credential)
          await assertLive(ctx.repos, where.credential, ctx.now, where.role)
        await ctx.studio()
        const result = await fn(ctx)
        for (const target of stale()) await ctx.repos.views.invalidate(target)
        return result
      }, options)
    } catch (error) {
      if (
        !(error instanceof AtelierError && error.code === 'write_conflict') ||
        attempt >= MAX_ATTEMPTS
      ) {
        throw error
      }
    }
  }
}

type Stale = Parameters<ScopedRepositories['views']['invalidate']>[0]

/**
 * A studio's transaction context, and what its writes made stale: the stored views of a
 * client's projects when the client changed, of every project when the studio did. (A change
 * to a project appends to its audit chain, which a stored view is checked against.)
 */
function studioTx(
  deps: Deps,
  tx: StorageTransaction,
  studioId: string,
): { ctx: StudioTx; stale: () => Stale[] } {
  const repos = readOnce(tx.scoped(studioId))
  const now = deps.runtime.clock().toISOString()
  const heads = new Map<string, ChainHead | undefined>()
  const changed: Stale[] = []
  let studio: Studio | undefined
  const ctx: StudioTx = {
    tx,
    repos,
    now,
    studioId,
    async studio() {
      studio ??= await tx.studios.get(studioId)
      if (!studio) throw new AtelierError('not_found', `studio ${studioId} not found`)
      return studio
    },
    async audit(projectId, actor, action, data, visibility) {
      const head = heads.has(projectId) ? heads.get(projectId) : await repos.audit.head(projectId)
      // A client is recorded under their own name, whatever label the adapter had at hand.
      const client = actor.kind === 'client' ? await repos.clients.get(actor.id) : undefined
      const event = chainEvent(head, {
        studioId,
        projectId,
        at: now,
        actor: client ? { ...actor, label: client.name } : actor,
        action,
        data,
        visibility,
      })
      await repos.audit.append(event)
      heads.set(projectId, { seq: event.seq, hash: event.hash })
      return event
    },
    id: (prefix) => newId(prefix, deps.runtime),
    async write(repo, current, next, kind) {
      const row = { ...next, version: current.version + 1 }
      if ('updatedAt' in row) row.updatedAt = now
      if (!(await repo.update(row, current.version))) {
        throw new AtelierError(
          'write_conflict',
          `${kind} ${current.id} was changed by a concurrent request since this one read it`,
        )
      }
      if (kind === 'client') changed.push({ clientId: current.id })
      if (kind === 'studio') changed.push('all')
      return row
    },
  }
  return { ctx, stale: () => changed }
}

/** Throws `not_found` when `value` is undefined; the message names the kind and id. */
export function found<T>(value: T | undefined, kind: string, id: string): T {
  if (value === undefined) throw new AtelierError('not_found', `${kind} ${id} not found`)
  return value
}
