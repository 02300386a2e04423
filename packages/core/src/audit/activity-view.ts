import * as v from 'valibot'
import { int, named, timestamp } from '../internal/view-atoms.js'

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
