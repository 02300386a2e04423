import * as v from 'valibot'
import { money } from '../internal/atoms.js'
import { type Assert, int, named, type SameType, timestamp } from '../internal/view-atoms.js'
import type { RevisionRound } from './revision.js'
import {
  type ItemResolution,
  itemInputSchema,
  type Quote,
  quoteRoundSchema,
  type ResolutionMap,
  resolveItemSchema,
  roundStatuses,
} from './revision.js'

/**
 * The change order of a billable round: scope, time and cost (修改的范围、时间和成本).
 *
 * @example
 * v.parse(quoteSchema, { scope: ['New icon'], days: 3, fee: { amount: 80000, currency: 'CNY' }, quotedAt: '2026-11-22T08:00:00.000Z' })
 */
export const quoteSchema = v.strictObject({
  scope: quoteRoundSchema.entries.scope,
  days: quoteRoundSchema.entries.days,
  fee: money,
  note: quoteRoundSchema.entries.note,
  quotedAt: timestamp,
})

/**
 * How the studio resolved one item: addressed (in which version) or declined, with a note.
 *
 * @example
 * v.parse(itemResolutionSchema, { status: 'declined', note: 'Out of scope', at: '2026-11-22T08:00:00.000Z' })
 */
export const itemResolutionSchema = v.strictObject({
  status: resolveItemSchema.entries.status,
  note: resolveItemSchema.entries.note,
  inVersion: resolveItemSchema.entries.inVersion,
  at: timestamp,
})

/**
 * "12 addressed, 2 declined with reason": the map of a round that goes into the next receipt.
 *
 * @example
 * v.parse(resolutionMapSchema, { round: 1, total: 0, addressed: 0, declined: 0, items: [] })
 */
export const resolutionMapSchema = v.strictObject({
  round: int,
  total: int,
  addressed: int,
  declined: int,
  items: v.array(
    v.strictObject({
      id: v.string(),
      text: itemInputSchema.entries.text,
      status: v.picklist(['addressed', 'declined', 'open']),
      note: v.optional(resolveItemSchema.entries.note),
      inVersion: resolveItemSchema.entries.inVersion,
    }),
  ),
})

/**
 * A revision round (修订) as a viewer sees it: its items with their resolutions and a summary;
 * `version` only for staff.
 *
 * @example
 * const round: RoundView = v.parse(roundViewSchema, {
 *   id: 'rnd_…', n: 1, status: 'open', billable: false, items: [],
 *   summary: { round: 1, total: 0, addressed: 0, declined: 0, open: 0 },
 *   openedAt: '2026-11-22T08:00:00.000Z',
 * })
 */
export const roundViewSchema = named(
  'RoundView',
  v.strictObject({
    id: v.string(),
    n: int,
    status: v.picklist(roundStatuses),
    billable: v.boolean(),
    quote: v.optional(quoteSchema),
    items: v.array(
      v.strictObject({
        id: v.string(),
        ...itemInputSchema.entries,
        resolution: v.optional(itemResolutionSchema),
      }),
    ),
    summary: v.strictObject({ round: int, total: int, addressed: int, declined: int, open: int }),
    openedAt: timestamp,
    activatedAt: v.optional(timestamp),
    dueAt: v.optional(timestamp),
    version: v.optional(int),
  }),
  'A revision round (修订): the items asked for, how each was resolved, and its quote when billable.',
)

/**
 * A round of a project view (see {@link roundViewSchema}).
 *
 * @example
 * const open = (view.rounds ?? []).filter((r: RoundView) => r.summary.open > 0)
 */
export type RoundView = v.InferOutput<typeof roundViewSchema>

// Core's record interfaces are exactly what the schemas describe.
type _QuoteMatches = Assert<SameType<v.InferOutput<typeof quoteSchema>, Quote>>
type _ResolutionMatches = Assert<
  SameType<v.InferOutput<typeof itemResolutionSchema>, ItemResolution>
>
type _ResolutionMapMatches = Assert<
  SameType<v.InferOutput<typeof resolutionMapSchema>, ResolutionMap>
>

/**
 * A revision round as a viewer sees it, with its resolution summary; staff also see its version.
 *
 * @example
 * roundView(round, false).summary // { addressed: 3, declined: 1, open: 0 }
 */
export function roundView(round: RevisionRound, staff: boolean): RoundView {
  const resolved = round.items.filter((i) => i.resolution)
  return {
    id: round.id,
    n: round.n,
    status: round.status,
    billable: round.billable,
    ...(round.quote && { quote: round.quote }),
    items: round.items.map(({ createdAt: _, ...item }) => item),
    summary: {
      round: round.n,
      total: round.items.length,
      addressed: resolved.filter((i) => i.resolution?.status === 'addressed').length,
      declined: resolved.filter((i) => i.resolution?.status === 'declined').length,
      open: round.items.length - resolved.length,
    },
    openedAt: round.openedAt,
    ...(round.activatedAt && { activatedAt: round.activatedAt }),
    ...(round.dueAt && { dueAt: round.dueAt }),
    ...(staff && { version: round.version }),
  }
}
