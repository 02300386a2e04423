import type { ScopedRepositories, StoredView } from '@atelier/core/storage'
import { type Loose, param } from './prepared.js'
import type { ScopedRunner } from './runner.js'

const fields = ['viewer', 'client_id', 'etag', 'valid_until', 'body'] as const
const stale = Object.fromEntries(fields.map((f) => [f, null]))
const fromExcluded = Object.fromEntries(fields.map((f) => [f, `excluded.${f}`]))

/** An upsert of one project's row: a stored document, or the stale marker (every field null). */
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

/**
 * Stored project views of one studio: the JSON text as it is sent, read with one indexed row,
 * or a stale marker that every change to the project writes in its own transaction.
 *
 * @example
 * await views(scoped).invalidate({ projectIds: [projectId] })
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
            .where('project_id', '=', param('project')),
        { project: projectId },
      )
      if (!row || row.body === null || row.viewer !== viewer) return undefined
      const view: StoredView = {
        projectId,
        viewer,
        clientId: row.client_id as string,
        etag: row.etag as string,
        doc: row.body as string,
      }
      if (row.valid_until !== null) view.validUntil = row.valid_until as string
      return view
    },
    async put(view) {
      await r.changed('views.upsert', upsert, {
        project: view.projectId,
        viewer: view.viewer,
        client_id: view.clientId,
        etag: view.etag,
        valid_until: view.validUntil ?? null,
        body: view.doc,
      })
    },
    async invalidate(target) {
      if (target === 'all') {
        await r.changed('views.invalidateAll', markProjects(false))
      } else if ('clientId' in target) {
        await r.changed('views.invalidateClient', markProjects(true), { client: target.clientId })
      } else {
        for (const projectId of target.projectIds) {
          await r.changed('views.upsert', upsert, { project: projectId, ...stale })
        }
      }
    },
  }
}
