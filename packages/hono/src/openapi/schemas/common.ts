import {
  briefSchema,
  confidentialityLevels,
  createProjectSchema,
  deliverableKinds,
  deliveryMethods,
  itemInputSchema,
  portfolioScopes,
  projectStages,
  quoteRoundSchema,
  roundStatuses,
  services,
  signoffPurposes,
  stageOrder,
} from '@atelier/core'
import * as v from 'valibot'

/**
 * Building blocks of the response schemas. Where core exports a schema or a list of values
 * it is reused; the rest describe core's TypeScript view types (checked against them by the
 * type tests) for the OpenAPI document.
 */

export const str = v.string()
export const int = v.pipe(v.number(), v.integer())
export const opt = v.optional

export const fileRefSchema = v.strictObject({ deliverableId: str, version: int })
export const pinSchema = v.strictObject({ x: v.number(), y: v.number(), page: opt(int) })
export const moneySchema = quoteRoundSchema.entries.fee
export const outputBriefSchema = briefSchema
export const contractSchema = v.required(v.unwrap(createProjectSchema.entries.contract), [
  'includedRounds',
  'warrantyDays',
  'currency',
])
export const itemSchema = itemInputSchema

export const stageEnum = v.picklist(projectStages)
export const openStageEnum = v.picklist(stageOrder)
export const serviceEnum = v.picklist(services)
export const confidentialityEnum = v.picklist(confidentialityLevels)
export const deliverableKindEnum = v.picklist(deliverableKinds)
export const deliveryMethodEnum = v.picklist(deliveryMethods)
export const purposeEnum = v.picklist(signoffPurposes)
export const roundStatusEnum = v.picklist(roundStatuses)
export const portfolioScopeEnum = v.picklist(portfolioScopes)
export const visibilityEnum = v.picklist(['client', 'internal'])
export const outcomeEnum = v.picklist(['approved', 'changes_requested', 'declined'])
export const signoffStatusEnum = v.picklist([
  'pending',
  'approved',
  'changes_requested',
  'declined',
  'revoked',
  'superseded',
  'expired',
])

export const subjectFileSchema = v.strictObject({
  deliverableId: str,
  version: int,
  title: str,
  filename: str,
  mediaType: str,
  bytes: int,
  sha256: str,
})

export const quoteSchema = v.strictObject({
  scope: v.array(str),
  days: int,
  fee: moneySchema,
  note: opt(str),
  quotedAt: str,
})

export const resolutionSchema = v.strictObject({
  status: v.picklist(['addressed', 'declined']),
  note: str,
  inVersion: opt(fileRefSchema),
  at: str,
})

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

export const partySchema = v.strictObject({ name: str, organisation: opt(str), email: str })
export const portfolioSchema = v.strictObject({
  scope: v.array(str),
  embargoUntil: opt(str),
})

/** Names a schema as a reusable component of the OpenAPI document. */
export function named<S extends v.GenericSchema>(name: string, schema: S) {
  return v.pipe(schema, v.metadata({ ref: name }))
}

/** A whole list: `{ items }`. */
export function listOf<S extends v.GenericSchema>(item: S) {
  return v.strictObject({ items: v.array(item) })
}

/** One page of a cursor-paginated list: `{ items, nextCursor? }`. */
export function pageOf<S extends v.GenericSchema>(item: S) {
  return v.strictObject({ items: v.array(item), nextCursor: opt(str) })
}
