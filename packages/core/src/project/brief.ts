import * as v from 'valibot'
import { calendarDate, line, money, text } from '../internal/atoms.js'

/** The brief (需求分析): what the client wants, written down before work starts. */
export const briefSchema = v.strictObject({
  goals: v.optional(text(5_000)),
  audience: v.optional(text(2_000)),
  style: v.optional(text(2_000)),
  usage: v.optional(v.pipe(v.array(v.picklist(['print', 'digital'])), v.maxLength(2))),
  deliverableTypes: v.optional(v.pipe(v.array(line(80)), v.maxLength(30))),
  budget: v.optional(money),
  deadline: v.optional(calendarDate),
  references: v.optional(v.pipe(v.array(line(500)), v.maxLength(50))),
  /** Studio-only notes on the brief; never shown to the client. */
  internalNotes: v.optional(text(5_000)),
})
export type Brief = v.InferOutput<typeof briefSchema>

/** The fields a brief needs before the project may leave `requirements`, in display order. */
export const requiredBriefFields = [
  'goals',
  'audience',
  'style',
  'usage',
  'deliverableTypes',
  'budget',
  'deadline',
] as const satisfies readonly (keyof Brief)[]

/** The required brief fields that are still empty. */
export function missingBriefFields(brief: Brief): (typeof requiredBriefFields)[number][] {
  return requiredBriefFields.filter((field) => {
    const value = brief[field]
    if (value === undefined) return true
    if (typeof value === 'string' || Array.isArray(value)) return value.length === 0
    return false
  })
}
