import { addVersionSchema, idOf, listClientsSchema, listProjectsSchema } from '@atelier/core'
import * as v from 'valibot'

/** Path and query schemas. Ids are core's `idOf` schemas, the ones its inputs use. */

/**
 * Path parameter schemas by name.
 *
 * @example
 * v.parse(ids.projectId, 'prj_01…')
 */
export const ids = {
  projectId: idOf('prj'),
  clientId: idOf('cli'),
  deliverableId: idOf('dlv'),
  roundId: idOf('rnd'),
  itemId: idOf('itm'),
  studioId: idOf('std'),
  keyId: idOf('key'),
  tokenId: idOf('ctk'),
  signoffId: idOf('sgn'),
  grantId: idOf('grt'),
  consentId: idOf('pfc'),
  receiptId: idOf('rct'),
  memberId: idOf('mem'),
  invitationId: idOf('inv'),
  sessionId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a session id')),
}

/**
 * A version number in a path: a positive integer.
 *
 * @example
 * v.parse(versionNumber, '3') // 3
 */
export const versionNumber = v.pipe(
  v.string(),
  v.regex(/^[1-9][0-9]{0,8}$/, 'must be a version number'),
  v.transform(Number),
)

/**
 * Path parameters by name, e.g. `pathOf('projectId')`.
 *
 * @example
 * params(pathOf('roundId', 'itemId'))
 */
export function pathOf<K extends keyof typeof ids>(...names: K[]) {
  return v.object(Object.fromEntries(names.map((n) => [n, ids[n]])) as Pick<typeof ids, K>)
}

/**
 * `/:deliverableId/:n` of a file.
 *
 * @example
 * params(fileParams) // { deliverableId, n }
 */
export const fileParams = v.object({ deliverableId: ids.deliverableId, n: versionNumber })

const limit = listProjectsSchema.entries.limit
/** `limit` from the query string: digits, then core's own limit schema (core applies its default). */
const queryLimit = v.optional(
  v.pipe(
    v.string(),
    v.check((s) => /^[0-9]{1,6}$/.test(s), 'must be an integer'),
    v.transform(Number),
    limit.wrapped,
    v.description(`1 to 100; ${limit.default} when absent`),
  ),
)

/**
 * `?cursor=&limit=` for clients, with `limit` read from the query string.
 *
 * @example
 * query(listClientsQuery)
 */
export const listClientsQuery = v.object({ ...listClientsSchema.entries, limit: queryLimit })

/**
 * `?stage=&clientId=&cursor=&limit=` for projects.
 *
 * @example
 * query(listProjectsQuery) // ?stage=proposal&limit=50
 */
export const listProjectsQuery = v.object({ ...listProjectsSchema.entries, limit: queryLimit })

/**
 * A client lists only their own projects: no `clientId`.
 *
 * @example
 * query(clientProjectsQuery)
 */
export const clientProjectsQuery = v.omit(listProjectsQuery, ['clientId'])

/**
 * `?filename=&note=` of an upload (the bytes are the body).
 *
 * @example
 * query(uploadQuery) // ?filename=logo.png&note=v2
 */
export const uploadQuery = v.object({
  filename: addVersionSchema.entries.filename,
  note: addVersionSchema.entries.note,
})

/**
 * `?limit=` of the access log.
 *
 * @example
 * query(accessLogQuery) // ?limit=20
 */
export const accessLogQuery = v.object({ limit: queryLimit })
