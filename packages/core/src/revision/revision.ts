import * as v from 'valibot'
import { type FileRef, fileRef, idOf, line, money, pin, text } from '../internal/atoms.js'

/**
 * A revision round's life: a billable round waits for a quote, then for the client's accepted
 * change order; an included round opens at once. `submitted` once the revised versions go back
 * to the client for review.
 */
export const roundStatuses = ['awaiting_quote', 'quoted', 'open', 'submitted'] as const
export type RoundStatus = (typeof roundStatuses)[number]

/** The change order for a billable round: scope, time and cost (修改的范围、时间和成本). */
export interface Quote {
  scope: string[]
  days: number
  fee: { amount: number; currency: string }
  note?: string
  quotedAt: string
}

export interface ItemResolution {
  status: 'addressed' | 'declined'
  note: string
  /** The version the item was addressed in. */
  inVersion?: FileRef
  at: string
}

/** One change the client asked for, optionally pinned on a file preview. */
export interface RoundItem {
  id: string
  text: string
  file?: FileRef
  pin?: { x: number; y: number; page?: number }
  createdAt: string
  resolution?: ItemResolution
}

/** 修订: one round of changes, counted against `contract.includedRounds`. */
export interface RevisionRound {
  id: string
  studioId: string
  projectId: string
  n: number
  status: RoundStatus
  billable: boolean
  quote?: Quote
  items: RoundItem[]
  /** The change-order sign-off that accepted the quote (billable rounds). */
  changeOrderSignoffId?: string
  openedAt: string
  activatedAt?: string
  dueAt?: string
  createdAt: string
  updatedAt: string
  version: number
}

/** "12 addressed, 2 declined with reason": the map that goes into the next receipt. */
export interface ResolutionMap {
  round: number
  total: number
  addressed: number
  declined: number
  items: {
    id: string
    text: string
    status: 'addressed' | 'declined' | 'open'
    note?: string
    inVersion?: FileRef
  }[]
}

export const itemInputSchema = v.strictObject({
  text: v.pipe(text(2_000), v.minLength(1, 'must not be empty')),
  file: v.optional(fileRef),
  pin: v.optional(pin),
})
export type ItemInput = v.InferInput<typeof itemInputSchema>

export const itemsSchema = v.pipe(
  v.array(itemInputSchema),
  v.minLength(1, 'needs at least one item'),
  v.maxLength(100),
)

export const requestRevisionSchema = v.strictObject({
  projectId: idOf('prj'),
  items: itemsSchema,
})
export type RequestRevisionInput = v.InferInput<typeof requestRevisionSchema>

export const quoteRoundSchema = v.strictObject({
  roundId: idOf('rnd'),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  scope: v.pipe(
    v.array(line(500)),
    v.minLength(1, 'needs at least one line of scope'),
    v.maxLength(50),
  ),
  days: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(365)),
  fee: money,
  note: v.optional(text(2_000)),
})
export type QuoteRoundInput = v.InferInput<typeof quoteRoundSchema>

export const addItemsSchema = v.strictObject({
  roundId: idOf('rnd'),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  items: itemsSchema,
})
export type AddItemsInput = v.InferInput<typeof addItemsSchema>

export const resolveItemSchema = v.strictObject({
  roundId: idOf('rnd'),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  itemId: idOf('itm'),
  status: v.picklist(['addressed', 'declined']),
  note: v.pipe(text(2_000), v.minLength(1, 'needs a note (what changed, or why not)')),
  inVersion: v.optional(fileRef),
})
export type ResolveItemInput = v.InferInput<typeof resolveItemSchema>
