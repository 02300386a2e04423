import * as v from 'valibot'

/**
 * Schema atoms shared by the view schemas: what a projection returns, described once for the
 * TypeScript types (`v.InferOutput`) and for the OpenAPI document.
 */

/**
 * Names a schema as a reusable component of the OpenAPI document (`v.metadata({ ref })`, read by
 * hono-openapi), with the description the component carries.
 *
 * @example
 * named('Money', money, 'An amount in minor units.') // $ref: #/components/schemas/Money
 */
export function named<S extends v.GenericSchema>(name: string, schema: S, description: string) {
  return v.pipe(schema, v.description(description), v.metadata({ ref: name }))
}

/**
 * An integer.
 *
 * @example
 * v.parse(int, 3)
 */
export const int = v.pipe(v.number(), v.integer())

/**
 * An instant as Atelier writes it, ISO 8601 in UTC (`format: date-time`).
 *
 * @example
 * v.parse(timestamp, '2026-11-22T08:00:00.000Z')
 */
export const timestamp = v.pipe(v.string(), v.isoTimestamp())

/**
 * `true` when `A` and `B` are the same type. Keeps a schema and an interface declared elsewhere
 * in step until the interface becomes the schema's output type.
 *
 * @example
 * const same: SameType<{ a: string }, { a: string }> = true
 */
export type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

/**
 * `true` when every value of `Core` is one the schema output `Schema` describes.
 *
 * @example
 * const covered: Covers<{ a?: string }, { a: string | undefined }> = true
 */
export type Covers<Schema, Core> = [Core] extends [Schema] ? true : false

/**
 * Compiles only when `T` is `true`: the type-level assertion the schema files use.
 *
 * @example
 * type Checked = Assert<SameType<Quote, v.InferOutput<typeof quoteSchema>>>
 */
export type Assert<T extends true> = T
