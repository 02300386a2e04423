import * as v from 'valibot'
import { int, timestamp } from '../internal/view-atoms.js'
import type { Project } from './project.js'
import { moveProjectSchema } from './project.js'
import { isOpenStage, type Stage, stageOrder, stages } from './stages.js'

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

/**
 * The eight stages as the tracker shows them: done, current, upcoming, skipped or not needed, with dates.
 *
 * @example
 * stageViews(project).find((s) => s.status === 'current')?.key // 'proposal'
 */
export function stageViews(project: Project): StageView[] {
  const history = project.stageHistory
  const beyond = (stage: Stage) =>
    !isOpenStage(project.stage)
      ? project.stage === 'closed'
      : stages[project.stage].n > stages[stage].n
  return stageOrder.map((key) => {
    const visits = history.map((h, i) => ({ ...h, i })).filter((h) => h.stage === key)
    const first = visits[0]
    const last = visits.at(-1)
    const leftAt = last && history[last.i + 1]?.at
    const skip = history.find((h) => h.skipped === key)
    const status: StageView['status'] =
      project.stage === key
        ? 'current'
        : first
          ? 'done'
          : skip
            ? 'skipped'
            : beyond(key)
              ? 'not_needed'
              : 'upcoming'
    return {
      key,
      n: stages[key].n,
      status,
      ...(first && { enteredAt: first.at }),
      ...(leftAt && { leftAt }),
      ...(skip?.reason && { reason: skip.reason }),
    }
  })
}
