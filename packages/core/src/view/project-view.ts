import * as v from 'valibot'
import { activityViewSchema } from '../audit/activity-view.js'
import { createClientSchema } from '../client/client.js'
import { deliverableViewSchema, subjectFileSchema } from '../deliverable/deliverable-view.js'
import { fileRef } from '../internal/atoms.js'
import { int, named, timestamp } from '../internal/view-atoms.js'
import { briefSchema } from '../project/brief.js'
import {
  confidentialityLevels,
  createProjectSchema,
  moveProjectSchema,
  recordDeliverySchema,
  researchSchema,
  services,
} from '../project/project.js'
import { stageViewSchema } from '../project/stage-view.js'
import { projectStages } from '../project/stages.js'
import { roundViewSchema } from '../revision/round-view.js'
import { consentViewSchema } from '../sharing/consent-view.js'
import { grantViewSchema } from '../sharing/grant-view.js'
import { signoffPurposes } from '../sign-off/signoff.js'
import { signoffViewSchema } from '../sign-off/signoff-view.js'
import { createStudioSchema } from '../studio/studio.js'

/**
 * One entry of a confidential project's access log: who looked at or downloaded what.
 *
 * @example
 * const entry: AccessLogView = v.parse(accessLogViewSchema, {
 *   at: '2026-11-22T08:00:00.000Z', viewer: { kind: 'signer', id: 'sgn_…' }, action: 'view',
 * })
 */
export const accessLogViewSchema = named(
  'AccessLogView',
  v.strictObject({
    at: timestamp,
    viewer: v.strictObject({ kind: v.string(), id: v.string() }),
    action: v.string(),
    file: v.optional(fileRef),
  }),
  'Who looked at or downloaded what on a confidential project.',
)

/**
 * An access-log entry (see {@link accessLogViewSchema}).
 *
 * @example
 * const downloads = (view.accessLog ?? []).filter((e: AccessLogView) => e.action === 'download')
 */
export type AccessLogView = v.InferOutput<typeof accessLogViewSchema>

/**
 * What the studio waits for from the client: a pending sign-off, or the missing brief fields.
 *
 * @example
 * const item: WaitingItem = v.parse(waitingItemSchema, { kind: 'brief', missing: ['goals'] })
 */
export const waitingItemSchema = v.variant('kind', [
  v.strictObject({
    kind: v.literal('signoff'),
    signoffId: v.string(),
    purpose: v.picklist(signoffPurposes),
    expiresAt: timestamp,
  }),
  v.strictObject({ kind: v.literal('brief'), missing: v.array(v.string()) }),
])

/**
 * An item the project waits for (see {@link waitingItemSchema}).
 *
 * @example
 * const signoffs = (view.waitingFor ?? []).filter((w: WaitingItem) => w.kind === 'signoff')
 */
export type WaitingItem = v.InferOutput<typeof waitingItemSchema>

const clientContact = v.partial(
  v.pick(createClientSchema, ['name', 'company', 'email', 'phone', 'notes']),
)
const { method, licence, note } = recordDeliverySchema.entries

/**
 * A project as one viewer may see it (`viewProject` builds it; every API response and element
 * renders one of these, never a stored record). Absent parts are not the viewer's to see.
 *
 * @example
 * const view: ProjectView = v.parse(projectViewSchema, {
 *   viewer: 'public', id: 'prj_…', name: 'Blue Heron', codename: 'Blue Heron',
 *   confidentiality: 'nda',
 * })
 */
export const projectViewSchema = named(
  'ProjectView',
  v.strictObject({
    viewer: v.picklist(['staff', 'client', 'signer', 'third_party', 'public']),
    studio: v.optional(
      v.pipe(
        v.strictObject({ id: v.string(), name: createStudioSchema.entries.name }),
        v.description('The studio whose project this is.'),
      ),
    ),
    id: v.string(),
    name: v.pipe(
      v.string(),
      v.description(
        'What to call the project: the title where the viewer may see it, else the codename.',
      ),
    ),
    codename: v.string(),
    title: v.optional(createProjectSchema.entries.title),
    confidentiality: v.picklist(confidentialityLevels),
    client: v.optional(v.strictObject({ id: v.string(), ...clientContact.entries })),
    state: v.optional(v.picklist(projectStages)),
    stages: v.optional(v.array(stageViewSchema)),
    services: v.optional(v.array(v.picklist(services))),
    contract: v.optional(
      v.required(v.unwrap(createProjectSchema.entries.contract), [
        'includedRounds',
        'warrantyDays',
        'currency',
      ]),
    ),
    rounds: v.optional(v.array(roundViewSchema)),
    roundsUsage: v.optional(v.strictObject({ used: int, included: int, billable: int })),
    brief: v.optional(briefSchema),
    research: v.optional(
      v.strictObject({
        ...researchSchema.entries,
        skippedReason: moveProjectSchema.entries.reason,
      }),
    ),
    deliverables: v.optional(v.array(deliverableViewSchema)),
    signoffs: v.optional(v.array(signoffViewSchema)),
    waitingFor: v.optional(v.array(waitingItemSchema)),
    activity: v.optional(v.array(activityViewSchema)),
    receipts: v.optional(
      v.array(
        v.strictObject({
          id: v.string(),
          signoffId: v.string(),
          purpose: v.picklist(signoffPurposes),
          issuedAt: timestamp,
        }),
      ),
    ),
    grants: v.optional(v.array(grantViewSchema)),
    consents: v.optional(v.array(consentViewSchema)),
    delivery: v.optional(
      v.strictObject({
        deliveredAt: timestamp,
        method,
        files: v.array(subjectFileSchema),
        licence,
        note,
        receiptId: v.optional(v.string()),
      }),
    ),
    warranty: v.optional(v.strictObject({ endsAt: timestamp, daysLeft: int, active: v.boolean() })),
    accessLog: v.optional(v.array(accessLogViewSchema)),
    version: v.optional(int),
    createdAt: v.optional(timestamp),
    updatedAt: v.optional(timestamp),
  }),
  "A project as one viewer may see it; absent parts are not the viewer's to see.",
)

/**
 * A project as one viewer may see it (see {@link projectViewSchema}).
 *
 * @example
 * const heading = (view: ProjectView) => view.title ?? view.codename
 */
export type ProjectView = v.InferOutput<typeof projectViewSchema>
