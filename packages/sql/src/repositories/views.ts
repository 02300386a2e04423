import type { ClientViewRead, ScopedRepositories, StoredView } from '@atelier/core/storage'
import { fromColumn } from '../rows/values.js'
import { type Loose, param } from './prepared.js'
import type { ScopedRunner } from './runner.js'

const fields = ['viewer', 'client_id', 'etag', 'valid_until', 'body', 'head'] as const
/** A stale marker: every field null. */
const stale = Object.fromEntries(fields.map((f) => [f, null]))
const fromExcluded = Object.fromEntries(fields.map((f) => [f, `excluded.${f}`]))

/** An upsert of one project's row with its stored document. */
const upsert = (db: Loose) =>
  db
    .insertInto('project_views')
    .values({
      studio_id: param('studio_id'),
      project_id: param('project'),
      ...Object.fromEntries(fields.map((f) => [f, param(f)])),
    })
    .onConflict((oc) =>
      oc
        .columns(['studio_id', 'project_id'])
        .doUpdateSet((eb) =>
          Object.fromEntries(fields.map((f) => [f, eb.ref(fromExcluded[f] as never)])),
        ),
    )

/** Stale markers for every project of the studio whose `client_id` is the value (or all). */
const markProjects = (byClient: boolean) => (db: Loose) =>
  db
    .insertInto('project_views')
    .columns(['studio_id', 'project_id'])
    .expression((eb) => {
      const projects = eb
        .selectFrom('projects')
        .select(['studio_id', 'id'])
        .where('studio_id', '=', param('studio_id'))
      return byClient ? projects.where('client_id', '=', param('client')) : projects
    })
    .onConflict((oc) => oc.columns(['studio_id', 'project_id']).doUpdateSet(stale))

/** A body as a plain `Uint8Array` (pg reads `bytea` as a `Buffer`: the same bytes, no copy). */
const bytes = (body: unknown) => {
  const b = body as Uint8Array<ArrayBuffer>
  return b.constructor === Uint8Array ? b : new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
}

/** The `seq` of the project's newest audit event (0 for none), one index seek. */
const auditHead = (db: Loose) =>
  db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.coalesce(eb.fn.max('seq'), eb.lit(0)).as('head'))
    .where('studio_id', '=', param('studio_id'))
    .where('project_id', '=', param('project'))

/** The stored view in a row of {@link fields}, unless a stale marker or another viewer's. */
function storedView(
  projectId: string,
  viewer: string,
  row: Record<string, unknown>,
): StoredView | undefined {
  if (row.body === null || row.body === undefined || row.viewer !== viewer) return undefined
  const view: StoredView = {
    projectId,
    viewer,
    clientId: row.client_id as string,
    etag: row.etag as string,
    doc: bytes(row.body),
    head: Number(row.head),
  }
  if (row.valid_until !== null) view.validUntil = row.valid_until as string
  return view
}

/** A client token's row with the stored view of one project beside it, if current. */
const tokenAndView = (db: Loose) =>
  db
    .selectFrom('client_tokens as t')
    .leftJoin('project_views as v', (join) =>
      join
        .onRef('v.studio_id', '=', 't.studio_id')
        .on('v.project_id', '=', param('project'))
        .on('v.head', '=', auditHead(db)),
    )
    .select([
      't.client_id as token_client',
      't.expires_at',
      't.revoked_at',
      'v.viewer',
      'v.client_id',
      'v.etag',
      'v.valid_until',
      'v.body',
      'v.head',
    ])
    .where('t.studio_id', '=', param('studio_id'))
    .where('t.id', '=', param('token'))

/**
 * The tracker read's storage work in one statement: client token `tokenId`'s state and the
 * stored client view of `projectId` (see `Storage.readClientView`).
 *
 * @example
 * const { token, view } = await readClientView(scopedRunner(cache, db, 'sqlite', studioId), projectId, tokenId)
 */
export async function readClientView(
  r: ScopedRunner,
  projectId: string,
  tokenId: string,
): Promise<ClientViewRead> {
  const [row] = await r.rows('views.readClientView', tokenAndView, {
    project: projectId,
    token: tokenId,
  })
  if (!row) return {}
  const revokedAt = fromColumn('time', row.revoked_at) as string | undefined
  const view = storedView(projectId, 'client', row)
  return {
    token: {
      clientId: row.token_client as string,
      expiresAt: fromColumn('time', row.expires_at) as string,
      ...(revokedAt && { revokedAt }),
    },
    ...(view && { view }),
  }
}

/**
 * Stored project views of one studio: the JSON as it is sent (UTF-8 bytes), read with one
 * indexed row and checked against the project's audit head in the same statement; or a stale
 * marker, written for every project of a client (or studio) that changed.
 *
 * @example
 * await views(scoped).invalidate({ clientId })
 */
export function views(r: ScopedRunner): ScopedRepositories['views'] {
  return {
    async get(projectId, viewer) {
      const [row] = await r.rows(
        'views.get',
        (db) =>
          db
            .selectFrom('project_views')
            .select([...fields])
            .where('studio_id', '=', param('studio_id'))
            .where('project_id', '=', param('project'))
            .where('head', '=', auditHead(db)),
        { project: projectId },
      )
      return row && storedView(projectId, viewer, row)
    },
    async put(view) {
      await r.changed('views.upsert', upsert, {
        project: view.projectId,
        viewer: view.viewer,
        client_id: view.clientId,
        etag: view.etag,
        valid_until: view.validUntil ?? null,
        body: view.doc,
        head: view.head,
      })
    },
    async invalidate(target) {
      if (target === 'all') await r.changed('views.invalidateAll', markProjects(false))
      else
        await r.changed('views.invalidateClient', markProjects(true), { client: target.clientId })
    },
  }
}
