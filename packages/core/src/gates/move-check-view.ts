import * as v from 'valibot'
import type { Assert, SameType } from '../internal/view-atoms.js'
import type { GateKey } from '../project/moves.js'
import { projectStages, stageOrder } from '../project/stages.js'
import { gates, type MoveCheck } from './gates.js'

const gateKey = v.picklist(Object.keys(gates) as GateKey[])

/**
 * Whether a move would pass now: the move from the table, or why not (the failing gate).
 *
 * @example
 * const check = v.parse(moveCheckSchema, { ok: false, code: 'gate_failed', gate: 'brief_complete', message: '…' })
 */
export const moveCheckSchema = v.variant('ok', [
  v.strictObject({
    ok: v.literal(true),
    move: v.strictObject({
      from: v.picklist(stageOrder),
      to: v.picklist(projectStages),
      gates: v.pipe(v.array(gateKey), v.readonly()),
      reason: v.optional(v.picklist(['required', 'waives_gates'])),
      skips: v.optional(v.picklist(stageOrder)),
    }),
  }),
  v.strictObject({
    ok: v.literal(false),
    code: v.picklist(['conflict', 'gate_failed', 'invalid_input']),
    gate: v.optional(gateKey),
    message: v.string(),
  }),
])

// Core's `MoveCheck` is exactly what the schema describes.
type _MoveCheckMatches = Assert<SameType<v.InferOutput<typeof moveCheckSchema>, MoveCheck>>
