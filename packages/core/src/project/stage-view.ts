import * as v from 'valibot'
import { int, timestamp } from '../internal/view-atoms.js'
import { moveProjectSchema } from './project.js'
import { stageOrder } from './stages.js'

/**
 * One of the eight stages as the tracker shows it: done, current, upcoming, skipped (with the
 * reason) or not needed.
 *
 * @example
 * const stage: StageView = v.parse(stageViewSchema, { key: 'requirements', n: 1, status: 'current' })
 */
export const stageViewSchema = v.strictObject({
  key: v.picklist(stageOrder),
  n: int,
  status: v.picklist(['done', 'current', 'upcoming', 'skipped', 'not_needed']),
  enteredAt: v.optional(timestamp),
  leftAt: v.optional(timestamp),
  reason: moveProjectSchema.entries.reason,
})

/**
 * A stage of the tracker (see {@link stageViewSchema}).
 *
 * @example
 * const current = view.stages?.find((s: StageView) => s.status === 'current')
 */
export type StageView = v.InferOutput<typeof stageViewSchema>
