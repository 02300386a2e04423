import { named } from '@atelier/core'
import * as v from 'valibot'

/**
 * Building blocks of the API-only response schemas (pages, lists, problems). The views
 * themselves are core's schemas (`projectViewSchema`, …), whose output types are core's view
 * types; `named` comes from core so both name components the same way.
 */

export { named }

/**
 * A string.
 *
 * @example
 * v.parse(str, value)
 */
export const str = v.string()
/**
 * An integer.
 *
 * @example
 * v.parse(int, value)
 */
export const int = v.pipe(v.number(), v.integer())
/**
 * `v.optional`, short.
 *
 * @example
 * opt(str) // an optional string
 */
export const opt = v.optional

/**
 * A whole list: `{ items }`.
 *
 * @example
 * listOf(apiKeyViewSchema) // { items: ApiKey[] }
 */
export function listOf<S extends v.GenericSchema>(item: S) {
  return v.strictObject({ items: v.array(item) })
}

/**
 * One page of a cursor-paginated list: `{ items, nextCursor? }`.
 *
 * @example
 * pageOf(clientViewSchema) // { items: Client[], nextCursor? }
 */
export function pageOf<S extends v.GenericSchema>(item: S) {
  return v.strictObject({ items: v.array(item), nextCursor: opt(str) })
}
