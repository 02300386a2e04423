import * as v from 'valibot'
import { isStudioActor } from '../internal/atoms.js'
import { int, named, timestamp } from '../internal/view-atoms.js'
import type { AuditEvent } from './audit-chain.js'

/**
 * One audit event as a viewer of the project's activity sees it. Non-staff viewers see only
 * `client` events, without `visibility`.
 *
 * @example
 * const view: ActivityView = v.parse(activityViewSchema, {
 *   seq: 1, at: '2026-11-22T08:00:00.000Z', action: 'project.created',
 *   actor: { kind: 'studio', label: 'Studio 山海' }, data: {},
 * })
 */
export const activityViewSchema = named(
  'ActivityView',
  v.strictObject({
    seq: int,
    at: timestamp,
    action: v.string(),
    actor: v.pipe(
      v.strictObject({ kind: v.string(), label: v.string() }),
      v.description(
        "Who acted; for non-staff viewers the studio's people and keys are `{ kind: 'studio', label: <studio name> }`.",
      ),
    ),
    data: v.record(v.string(), v.unknown()),
    visibility: v.optional(v.picklist(['client', 'internal'])),
  }),
  'One event of the audit chain as this viewer may see it.',
)

/**
 * An entry of a project's activity feed (see {@link activityViewSchema}).
 *
 * @example
 * const labels = (view.activity ?? []).map((a: ActivityView) => a.actor.label)
 */
export type ActivityView = v.InferOutput<typeof activityViewSchema>

/**
 * An audit event as activity: outside the studio, the studio's people and keys show as the studio.
 *
 * @example
 * activityView(event, false, 'Studio 山海').actor // { kind: 'studio', label: 'Studio 山海' }
 */
export function activityView(e: AuditEvent, staff: boolean, studioName: string): ActivityView {
  // Outside the studio, whoever acted for it (a key, a staff member, the CLI) is the studio.
  const byStudio = !staff && isStudioActor(e.actor)
  return {
    seq: e.seq,
    at: e.at,
    action: e.action,
    actor: byStudio
      ? { kind: 'studio', label: studioName }
      : { kind: e.actor.kind, label: e.actor.label },
    data: e.data,
    ...(staff && { visibility: e.visibility }),
  }
}
