import type { AuditEvent } from '../audit/audit-chain.js'
import type { Client } from '../client/client.js'
import type { ApiKey, ClientToken } from '../credential/credential.js'
import type { Deliverable, FileVersion } from '../deliverable/deliverable.js'
import { AtelierError } from '../errors/atelier-error.js'
import type { Invitation, Member } from '../member/member.js'
import type { Project } from '../project/project.js'
import type { RevisionRound } from '../revision/revision.js'
import type { AccessLogEntry, PortfolioConsent, ShareGrant } from '../sharing/grants.js'
import type { StoredReceipt } from '../sign-off/receipt.js'
import type { Signoff } from '../sign-off/signoff.js'
import type { Studio } from '../studio/studio.js'
import { memoryRecords } from './memory-records.js'
import { byId, page, Table } from './memory-table.js'
import type {
  IdempotencyRecord,
  Lookup,
  ProjectChildRepository,
  ScopedRepositories,
  Storage,
  StorageTransaction,
  StoredView,
  VersionedRepository,
} from './storage-port.js'

type Row = { id: string; version: number; projectId: string }

/**
 * Storage in process memory: for tests and scripts, never for data that must survive a
 * restart. Transactions run one at a time and roll back through an undo log.
 *
 * @example
 * const atelier = createAtelier({ storage: memoryStorage() })
 */
export function memoryStorage(): Storage {
  let undo: (() => void)[] = []
  const log = () => undo
  const t = <T>() => new Table<T>(log)
  const tables = {
    studios: t<Studio>(),
    lookups: t<Lookup>(),
    members: t<Member>(),
    invitations: t<Invitation>(),
    apiKeys: t<ApiKey>(),
    clientTokens: t<ClientToken>(),
    clients: t<Client>(),
    projects: t<Project>(),
    deliverables: t<Deliverable>(),
    versions: t<FileVersion>(),
    rounds: t<RevisionRound>(),
    signoffs: t<Signoff>(),
    receipts: t<StoredReceipt>(),
    grants: t<ShareGrant>(),
    consents: t<PortfolioConsent>(),
    audit: t<AuditEvent>(),
    accessLog: t<AccessLogEntry>(),
    idempotency: t<IdempotencyRecord>(),
    views: t<StoredView | { projectId: string; stale: true }>(),
  }
  let queue: Promise<unknown> = Promise.resolve()
  let closed = false

  /** A row of another studio written through this scope: refused, as the SQL adapters do. */
  const foreign = (studio: string, row: object) =>
    studio !== '' && 'studioId' in row && row.studioId !== studio
  const auditHead = (studio: string, projectId: string) => {
    let head: { seq: number; hash: string } | undefined
    for (const e of tables.audit.rows(studio).values()) {
      if (e.projectId === projectId && (!head || e.seq > head.seq))
        head = { seq: e.seq, hash: e.hash }
    }
    return head
  }
  /** The stored view, if built, not marked stale, and built at the project's audit head. */
  const currentView = (studio: string, projectId: string, viewer: string) => {
    const row = tables.views.get(studio, projectId)
    if (!row || 'stale' in row || row.viewer !== viewer) return undefined
    return row.head === (auditHead(studio, projectId)?.seq ?? 0) ? row : undefined
  }
  const versioned = <T extends { id: string; version: number }>(
    table: Table<T>,
    studio: string,
  ): VersionedRepository<T> => ({
    get: async (id) => table.get(studio, id),
    insert: async (row) => {
      if (foreign(studio, row))
        throw new AtelierError('forbidden', `row ${row.id} belongs to another studio`)
      table.insert(studio, row.id, row)
    },
    update: async (row, expected) =>
      !foreign(studio, row) && table.update(studio, row.id, row, expected),
  })
  const child = <T extends Row>(table: Table<T>, studio: string): ProjectChildRepository<T> => ({
    ...versioned(table, studio),
    listByProject: async (projectId) =>
      table.filter(studio, (r) => r.projectId === projectId).sort(byId),
  })

  const scoped = (studio: string): ScopedRepositories => ({
    studioId: studio,
    members: {
      ...versioned(tables.members, studio),
      async insert(row) {
        const live = (m: Member) => m.userId === row.userId && !m.removedAt && !row.removedAt
        if (tables.members.filter(studio, live).length) {
          throw new AtelierError('conflict', `account ${row.userId} is a member already`)
        }
        return versioned(tables.members, studio).insert(row)
      },
      list: async ({ removed = false } = {}) =>
        tables.members.filter(studio, (m) => removed || !m.removedAt).sort(byId),
      byUser: async (userId) =>
        tables.members.filter(studio, (m) => m.userId === userId && !m.removedAt)[0],
    },
    invitations: {
      ...versioned(tables.invitations, studio),
      list: async () => tables.invitations.filter(studio, () => true).sort(byId),
    },
    apiKeys: {
      ...versioned(tables.apiKeys, studio),
      list: async () => tables.apiKeys.filter(studio, () => true).sort(byId),
    },
    clientTokens: {
      ...versioned(tables.clientTokens, studio),
      listByClient: async (clientId) =>
        tables.clientTokens.filter(studio, (r) => r.clientId === clientId).sort(byId),
    },
    clients: {
      ...versioned(tables.clients, studio),
      list: async ({ cursor, limit }) =>
        page(
          tables.clients.filter(studio, () => true),
          cursor,
          limit,
        ),
    },
    projects: {
      ...versioned(tables.projects, studio),
      list: async ({ cursor, limit, clientId, stage }) =>
        page(
          tables.projects.filter(
            studio,
            (r) => (!clientId || r.clientId === clientId) && (!stage || r.stage === stage),
          ),
          cursor,
          limit,
        ),
    },
    deliverables: child(tables.deliverables, studio),
    versions: {
      get: async (deliverableId, n) => tables.versions.get(studio, `${deliverableId}/${n}`),
      insert: async (row) => tables.versions.insert(studio, `${row.deliverableId}/${row.n}`, row),
      listByProject: async (projectId) =>
        tables.versions
          .filter(studio, (r) => r.projectId === projectId)
          .sort((a, b) =>
            a.deliverableId < b.deliverableId
              ? -1
              : a.deliverableId > b.deliverableId
                ? 1
                : a.n - b.n,
          ),
    },
    rounds: child(tables.rounds, studio),
    signoffs: child(tables.signoffs, studio),
    receipts: {
      get: async (id) => tables.receipts.get(studio, id),
      insert: async (row) => tables.receipts.insert(studio, row.id, row),
      listByProject: async (projectId) =>
        tables.receipts.filter(studio, (r) => r.projectId === projectId).sort(byId),
    },
    grants: child(tables.grants, studio),
    consents: child(tables.consents, studio),
    audit: {
      head: async (projectId) => auditHead(studio, projectId),
      async append(event) {
        const key = `${event.projectId}/${event.seq}`
        if (tables.audit.get(studio, key))
          throw new AtelierError('write_conflict', 'audit sequence taken')
        tables.audit.set(studio, key, event)
      },
      async list(projectId, query = {}) {
        const rows = tables.audit
          .filter(
            studio,
            (e) =>
              e.projectId === projectId && (!query.visibility || e.visibility === query.visibility),
          )
          .sort((a, b) => (query.order === 'desc' ? b.seq - a.seq : a.seq - b.seq))
        return query.limit === undefined ? rows : rows.slice(0, query.limit)
      },
    },
    accessLog: {
      append: async (entry) => tables.accessLog.insert(studio, entry.id, entry),
      list: async (projectId, query = {}) =>
        page(
          tables.accessLog.filter(studio, (r) => r.projectId === projectId),
          undefined,
          query.limit ?? 100,
        ),
    },
    views: {
      get: async (projectId, viewer) => currentView(studio, projectId, viewer),
      put: async (row) => tables.views.set(studio, row.projectId, row),
      async invalidate(target) {
        const projects = tables.projects.filter(
          studio,
          (p) => target === 'all' || p.clientId === target.clientId,
        )
        for (const { id } of projects) tables.views.set(studio, id, { projectId: id, stale: true })
      },
    },
    idempotency: {
      get: async (key) => tables.idempotency.get(studio, key),
      async insert(row) {
        if (tables.idempotency.get(studio, row.key)) return false
        tables.idempotency.set(studio, row.key, row)
        return true
      },
      put: async (row) => tables.idempotency.set(studio, row.key, row),
      delete: async (key) => tables.idempotency.delete(studio, key),
      async prune(before) {
        for (const [key, row] of tables.idempotency.rows(studio))
          if (row.expiresAt < before) tables.idempotency.delete(studio, key)
      },
    },
    records: memoryRecords(tables, studio),
  })

  // Rate-limit counts are best effort and outside transactions, as the SQL adapters keep them.
  const counts = new Map<string, { count: number; windowStart: number }>()
  const counters: StorageTransaction['counters'] = {
    async hit(key, windowStart) {
      const current = counts.get(key)
      const count = current && current.windowStart === windowStart ? current.count + 1 : 1
      counts.set(key, { count, windowStart })
      return count
    },
    async prune(before) {
      for (const [key, row] of counts) if (row.windowStart < before) counts.delete(key)
    },
  }

  const tx: StorageTransaction = {
    studios: {
      ...versioned(tables.studios, ''),
      list: async () => tables.studios.filter('', () => true).sort(byId),
    },
    lookups: {
      get: async (key) => tables.lookups.get('', key),
      insert: async (row) => tables.lookups.insert('', row.key, row),
      list: async (prefix, limit) =>
        tables.lookups
          .filter('', (r) => r.key.startsWith(prefix))
          .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
          .slice(0, limit),
    },
    counters,
    scoped,
  }

  const storage: Storage = {
    counters,
    // Behind the transaction in progress, like any other read.
    readClientView: ({ studioId, projectId, tokenId }) =>
      storage.transaction(async () => {
        const token = tables.clientTokens.get(studioId, tokenId)
        if (!token) return {}
        const view = currentView(studioId, projectId, 'client')
        return {
          token: {
            clientId: token.clientId,
            expiresAt: token.expiresAt,
            ...(token.revokedAt && { revokedAt: token.revokedAt }),
          },
          ...(view && { view }),
        }
      }),
    transaction<T>(fn: (tx: StorageTransaction) => Promise<T>): Promise<T> {
      if (closed) return Promise.reject(new Error('memoryStorage is closed'))
      const run = async () => {
        undo = []
        try {
          return await fn(tx)
        } catch (error) {
          for (const step of undo.reverse()) step()
          throw error
        } finally {
          undo = []
        }
      }
      const result = queue.then(run, run)
      queue = result.catch(() => undefined)
      return result
    },
    async close() {
      closed = true
    },
  }
  return storage
}
