import type { Draft, Outcome } from './context.js'
import type { SignoffMessages } from './messages.js'

/** The body of `POST …/decision`. */
export interface DecisionBody {
  outcome: Outcome
  name: string
  comment?: string
  items?: {
    text: string
    file?: { deliverableId: string; version: number }
    pin?: { x: number; y: number }
  }[]
}

/**
 * Checks the draft before it is sent and builds the request body, or returns the message
 * saying what is missing: an outcome, the typed name, a reason to decline, the text of every
 * change, and at least one change or a comment when requesting changes.
 */
export function validateDraft(d: Draft, t: SignoffMessages): DecisionBody | string {
  const { outcome } = d
  if (!outcome) return t.errors.outcome
  const name = d.name.trim()
  if (!name) return t.errors.name
  const comment = d.comment.trim()
  if (outcome === 'declined' && !comment) return t.errors.comment
  const items = outcome === 'changes_requested' ? d.items : []
  if (items.some((i) => !i.text.trim())) return t.errors.itemText
  if (outcome === 'changes_requested' && !items.length && !comment) return t.errors.items
  return {
    outcome,
    name,
    ...(comment && { comment }),
    ...(items.length && {
      items: items.map(({ text, file, pin }) => ({
        text: text.trim(),
        ...(file && { file }),
        ...(pin && { pin }),
      })),
    }),
  }
}
