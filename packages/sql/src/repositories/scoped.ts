import {
  type ApiKey,
  AtelierError,
  type Client,
  type ClientToken,
  type Deliverable,
  type FileVersion,
  type PortfolioConsent,
  type Project,
  type RevisionRound,
  type ShareGrant,
  type Signoff,
  type StoredReceipt,
} from '@atelier/core'
import type { ScopedRepositories } from '@atelier/core/storage'
import { decode, encode } from '../rows/codec.js'
import { codecs } from '../rows/codecs.js'
import { accessLog, audit } from './audit.js'
import { idempotency } from './idempotency.js'
import { invitations, members } from './members.js'
import { param } from './prepared.js'
import { records } from './records.js'
import type { ScopedRunner } from './runner.js'
import { child, columnsOf, keyed, list, page, placeholders, versioned } from './versioned.js'
import { views } from './views.js'

const versionColumns = placeholders(columnsOf(codecs.versions, true))

/** File versions, keyed by `(deliverable, n)`. */
function versions(r: ScopedRunner): ScopedRepositories['versions'] {
  const c = codecs.versions
  return {
    async get(deliverableId, n) {
      const [row] = await r.rows(
        'versions.get',
        (db) =>
          db
            .selectFrom(c.table)
            .selectAll()
            .where('studio_id', '=', param('studio_id'))
            .where('deliverable_id', '=', param('deliverable'))
            .where('n', '=', param<number>('n')),
        { deliverable: deliverableId, n },
      )
      return row && decode<FileVersion>(c, r.dialect, row)
    },
    async insert(row) {
      const inserted = await r.changed(
        'versions.insert',
        (db) =>
          db
            .insertInto(c.table)
            .values(versionColumns)
            .onConflict((oc) => oc.doNothing()),
        encode(c, row, r.studioId),
      )
      if (inserted === 0) {
        throw new AtelierError('conflict', `version ${row.n} of ${row.deliverableId} exists`)
      }
    },
    async listByProject(projectId) {
      const rows = await r.rows(
        'versions.listByProject',
        (db) =>
          db
            .selectFrom(c.table)
            .selectAll()
            .where('studio_id', '=', param('studio_id'))
            .where('project_id', '=', param('project'))
            .orderBy('deliverable_id')
            .orderBy('n'),
        { project: projectId },
      )
      return rows.map((row) => decode<FileVersion>(c, r.dialect, row))
    },
  }
}

/**
 * Every repository of one studio, over one transaction. Each query is filtered by the
 * runner's studio id; none takes a studio id from its caller.
 *
 * @example
 * const repos = scopedRepositories(scopedRunner(cache, trx, 'sqlite', studioId))
 * const project = await repos.projects.get(projectId)
 */
export function scopedRepositories(r: ScopedRunner): ScopedRepositories {
  const byClient = 'client_tokens.listByClient'
  return {
    studioId: r.studioId,
    members: members(r),
    invitations: invitations(r),
    apiKeys: {
      ...versioned<ApiKey>(r, codecs.apiKeys),
      list: () => list<ApiKey>(r, codecs.apiKeys, 'api_keys.list', (q) => q, {}),
    },
    clientTokens: {
      ...versioned<ClientToken>(r, codecs.clientTokens),
      listByClient: (clientId) =>
        list<ClientToken>(
          r,
          codecs.clientTokens,
          byClient,
          (q) => q.where('client_id', '=', param('client')),
          { client: clientId },
        ),
    },
    clients: {
      ...versioned<Client>(r, codecs.clients),
      list: (query) => page<Client>(r, codecs.clients, query),
    },
    projects: {
      ...versioned<Project>(r, codecs.projects),
      list: ({ clientId, stage, ...query }) =>
        page<Project>(r, codecs.projects, query, { client_id: clientId, stage }),
    },
    deliverables: child<Deliverable>(r, codecs.deliverables),
    versions: versions(r),
    rounds: child<RevisionRound>(r, codecs.rounds),
    signoffs: child<Signoff>(r, codecs.signoffs),
    receipts: {
      ...keyed<StoredReceipt>(r, codecs.receipts),
      listByProject: (projectId) =>
        list<StoredReceipt>(
          r,
          codecs.receipts,
          'receipts.listByProject',
          (q) => q.where('project_id', '=', param('project')),
          { project: projectId },
        ),
    },
    grants: child<ShareGrant>(r, codecs.grants),
    consents: child<PortfolioConsent>(r, codecs.consents),
    audit: audit(r),
    accessLog: accessLog(r),
    views: views(r),
    idempotency: idempotency(r),
    records: records(r),
  }
}
