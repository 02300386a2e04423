import { type ProjectStage, type Stage, stageOrder } from './stages.js'

/** A gate a move must pass. Each is checked by a pure function in `gates.ts`. */
export type GateKey =
  | 'brief_complete'
  | 'proposal_approved'
  | 'submitted_for_review'
  | 'round_requested'
  | 'round_resolved'
  | 'final_approved'
  | 'delivery_recorded'
  | 'warranty_ended'

/** One allowed move. */
export interface Move {
  from: Stage
  to: ProjectStage
  /** Gates checked in order; the first that fails refuses the move. */
  gates: readonly GateKey[]
  /** The move needs a reason (skipping research, cancelling, closing early). */
  reason?: 'required' | 'waives_gates'
  /** The stage a move skips, recorded in the history. */
  skips?: Stage
}

/**
 * The move table (DESIGN.md §2). Forward along the stages, `research` skippable with a
 * reason, the review loop between `confirmation` and `revision`, and `cancelled` from any
 * open stage with a reason. Anything not in this table is refused.
 */
export const moveTable: readonly Move[] = [
  { from: 'requirements', to: 'research', gates: ['brief_complete'] },
  {
    from: 'requirements',
    to: 'proposal',
    gates: ['brief_complete'],
    reason: 'required',
    skips: 'research',
  },
  { from: 'research', to: 'proposal', gates: [] },
  { from: 'proposal', to: 'production', gates: ['proposal_approved'] },
  { from: 'production', to: 'revision', gates: ['round_requested'] },
  { from: 'production', to: 'confirmation', gates: ['submitted_for_review'] },
  { from: 'revision', to: 'confirmation', gates: ['round_resolved', 'submitted_for_review'] },
  { from: 'confirmation', to: 'revision', gates: ['round_requested'] },
  { from: 'confirmation', to: 'delivery', gates: ['final_approved'] },
  { from: 'delivery', to: 'aftercare', gates: ['delivery_recorded'] },
  { from: 'aftercare', to: 'closed', gates: ['warranty_ended'], reason: 'waives_gates' },
  ...stageOrder.map((from): Move => ({ from, to: 'cancelled', gates: [], reason: 'required' })),
]

/** The move from `from` to `to`, or undefined when the table has none. */
export function findMove(from: ProjectStage, to: ProjectStage): Move | undefined {
  return moveTable.find((m) => m.from === from && m.to === to)
}

/** Every state reachable in one move from `from`. */
export function nextStages(from: ProjectStage): ProjectStage[] {
  return moveTable.filter((m) => m.from === from).map((m) => m.to)
}
