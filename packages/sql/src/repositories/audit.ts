import { type AccessLogEntry, AtelierError, type AuditEvent } from '@atelier/core'
import type { ScopedRepositories } from '@atelier/core/storage'
import { decode, encode } from '../rows/codec.js'
import { codecs } from '../rows/codecs.js'
import { literalLimit, param } from './prepared.js'
import type { ScopedRunner } from './runner.js'
import { columnsOf, placeholders } from './versioned.js'

const auditColumns = placeholders(columnsOf(codecs.audit, true))

/**
 * A studio's audit chains: append-only by `(project, seq)`. A taken `seq` means a concurrent
 * append won; it is reported as `write_conflict` so the service re-runs its transaction.
 *
 * @example
 * await audit(scoped).append(event)
 */
export function audit(r: ScopedRunner): ScopedRepositories['audit'] {
  const c = codecs.audit
  return {
    async append(event) {
      const inserted = await r.changed(
        'audit.append',
        (db) =>
          db
            .insertInto(c.table)
            .values(auditColumns)
            .onConflict((oc) => oc.doNothing()),
        encode(c, event, r.studioId),
      )
      if (inserted === 0) {
        throw new AtelierError(
          'write_conflict',
          `audit event ${event.seq} of project ${event.projectId} was written concurrently`,
        )
      }
    },
    async head(projectId) {
      const [row] = await r.rows(
        'audit.head',
        (db) =>
          db
            .selectFrom(c.table)
            .select(['seq', 'hash'])
            .where('studio_id', '=', param('studio_id'))
            .where('project_id', '=', param('project'))
            .orderBy('seq', 'desc')
            .limit(literalLimit(1)),
        { project: projectId },
      )
      return row && { seq: Number(row.seq), hash: row.hash as string }
    },
    async list(projectId, query = {}) {
      const { visibility, order = 'asc', limit } = query
      const key = `audit.list:${visibility ? 'v' : ''}:${order}:${limit ?? ''}`
      const rows = await r.rows(
        key,
        (db) => {
          let q = db
            .selectFrom(c.table)
            .selectAll()
            .where('studio_id', '=', param('studio_id'))
            .where('project_id', '=', param('project'))
          if (visibility) q = q.where('visibility', '=', param('visibility'))
          q = q.orderBy('seq', order === 'desc' ? 'desc' : 'asc')
          return limit === undefined ? q : q.limit(literalLimit(limit))
        },
        { project: projectId, visibility },
      )
      return rows.map((row) => decode<AuditEvent>(c, r.dialect, row))
    },
  }
}

const accessColumns = placeholders(columnsOf(codecs.accessLog, true))

/**
 * The access log of confidential projects: append, and read newest first.
 *
 * @example
 * const recent = await accessLog(scoped).list(projectId, { limit: 20 })
 */
export function accessLog(r: ScopedRunner): ScopedRepositories['accessLog'] {
  const c = codecs.accessLog
  return {
    async append(entry) {
      const inserted = await r.changed(
        'accessLog.append',
        (db) =>
          db
            .insertInto(c.table)
            .values(accessColumns)
            .onConflict((oc) => oc.doNothing()),
        encode(c, entry, r.studioId),
      )
      if (inserted === 0) throw new AtelierError('conflict', `access log ${entry.id} exists`)
    },
    async list(projectId, query = {}) {
      const limit = query.limit ?? 100
      const rows = await r.rows(
        `accessLog.list:${limit}`,
        (db) =>
          db
            .selectFrom(c.table)
            .selectAll()
            .where('studio_id', '=', param('studio_id'))
            .where('project_id', '=', param('project'))
            .orderBy('id', 'desc')
            .limit(literalLimit(limit)),
        { project: projectId },
      )
      return rows.map((row) => decode<AccessLogEntry>(c, r.dialect, row))
    },
  }
}
