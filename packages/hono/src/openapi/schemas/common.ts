import { briefSchema, createProjectSchema, itemInputSchema, quoteRoundSchema } from '@atelier/core'
import * as v from 'valibot'

/**
 * Building blocks of the response schemas. Where core exports a schema or a list of values
 * it is reused; the rest describe core's TypeScript view types (checked against them by the
 * type tests) for the OpenAPI document.
 */

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
 * Response schema part: `fileRefSchema`.
 *
 * @example
 * v.parse(fileRefSchema, value)
 */
export const fileRefSchema = v.strictObject({ deliverableId: str, version: int })
/**
 * Response schema part: `pinSchema`.
 *
 * @example
 * v.parse(pinSchema, value)
 */
export const pinSchema = v.strictObject({ x: v.number(), y: v.number(), page: opt(int) })
/**
 * Response schema part: `moneySchema`.
 *
 * @example
 * v.parse(moneySchema, value)
 */
export const moneySchema = quoteRoundSchema.entries.fee
/**
 * Response schema part: `outputBriefSchema`.
 *
 * @example
 * v.parse(outputBriefSchema, value)
 */
export const outputBriefSchema = briefSchema
/**
 * Response schema part: `contractSchema`.
 *
 * @example
 * v.parse(contractSchema, value)
 */
export const contractSchema = v.required(v.unwrap(createProjectSchema.entries.contract), [
  'includedRounds',
  'warrantyDays',
  'currency',
])
/**
 * Response schema part: `itemSchema`.
 *
 * @example
 * v.parse(itemSchema, value)
 */
export const itemSchema = itemInputSchema

/**
 * Response schema part: `subjectFileSchema`.
 *
 * @example
 * v.parse(subjectFileSchema, value)
 */
export const subjectFileSchema = v.strictObject({
  deliverableId: str,
  version: int,
  title: str,
  filename: str,
  mediaType: str,
  bytes: int,
  sha256: str,
})

/**
 * Response schema part: `quoteSchema`.
 *
 * @example
 * v.parse(quoteSchema, value)
 */
export const quoteSchema = v.strictObject({
  scope: v.array(str),
  days: int,
  fee: moneySchema,
  note: opt(str),
  quotedAt: str,
})

/**
 * Response schema part: `resolutionSchema`.
 *
 * @example
 * v.parse(resolutionSchema, value)
 */
export const resolutionSchema = v.strictObject({
  status: v.picklist(['addressed', 'declined']),
  note: str,
  inVersion: opt(fileRefSchema),
  at: str,
})

/**
 * Response schema part: `resolutionMapSchema`.
 *
 * @example
 * v.parse(resolutionMapSchema, value)
 */
export const resolutionMapSchema = v.strictObject({
  round: int,
  total: int,
  addressed: int,
  declined: int,
  items: v.array(
    v.strictObject({
      id: str,
      text: str,
      status: v.picklist(['addressed', 'declined', 'open']),
      note: opt(str),
      inVersion: opt(fileRefSchema),
    }),
  ),
})

/**
 * Response schema part: `partySchema`.
 *
 * @example
 * v.parse(partySchema, value)
 */
export const partySchema = v.strictObject({ name: str, organisation: opt(str), email: str })
/**
 * Response schema part: `portfolioSchema`.
 *
 * @example
 * v.parse(portfolioSchema, value)
 */
export const portfolioSchema = v.strictObject({
  scope: v.array(str),
  embargoUntil: opt(str),
})

/**
 * Names a schema as a reusable component of the OpenAPI document.
 *
 * @example
 * named('Money', moneySchema) // $ref: #/components/schemas/Money
 */
export function named<S extends v.GenericSchema>(name: string, schema: S) {
  return v.pipe(schema, v.metadata({ ref: name }))
}

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
