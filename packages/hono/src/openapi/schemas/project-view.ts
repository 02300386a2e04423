import * as v from 'valibot'
import {
  contractSchema,
  fileRefSchema,
  int,
  named,
  opt,
  outputBriefSchema,
  str,
  subjectFileSchema,
} from './common.js'
import { enums } from './enums.js'
import {
  consentViewSchema,
  grantViewSchema,
  roundViewSchema,
  signoffViewSchema,
} from './workflow-views.js'

/** Response schemas of `viewProject`'s projection (core's `ProjectView` and its parts). */

/**
 * Response schema part: `versionViewSchema`.
 *
 * @example
 * v.parse(versionViewSchema, value)
 */
export const versionViewSchema = named(
  'VersionView',
  v.strictObject({
    deliverableId: str,
    n: int,
    filename: str,
    mediaType: str,
    bytes: int,
    sha256: str,
    note: opt(str),
    round: opt(int),
    createdAt: str,
  }),
)

/**
 * Response schema part: `deliverableViewSchema`.
 *
 * @example
 * v.parse(deliverableViewSchema, value)
 */
export const deliverableViewSchema = named(
  'DeliverableView',
  v.strictObject({
    id: str,
    kind: enums.deliverableKind,
    title: str,
    visibility: opt(enums.visibility),
    latestVersion: int,
    versions: v.array(versionViewSchema),
  }),
)

/**
 * Response schema part: `activityViewSchema`.
 *
 * @example
 * v.parse(activityViewSchema, value)
 */
export const activityViewSchema = named(
  'ActivityView',
  v.strictObject({
    seq: int,
    at: str,
    action: str,
    actor: v.strictObject({ kind: str, label: str }),
    data: v.record(str, v.unknown()),
    visibility: opt(enums.visibility),
  }),
)

/**
 * Response schema part: `accessLogViewSchema`.
 *
 * @example
 * v.parse(accessLogViewSchema, value)
 */
export const accessLogViewSchema = named(
  'AccessLogView',
  v.strictObject({
    at: str,
    viewer: v.strictObject({ kind: str, id: str }),
    action: str,
    file: opt(fileRefSchema),
  }),
)

const stageViewSchema = v.strictObject({
  key: enums.openStage,
  n: int,
  status: v.picklist(['done', 'current', 'upcoming', 'skipped', 'not_needed']),
  enteredAt: opt(str),
  leftAt: opt(str),
  reason: opt(str),
})

const waitingSchema = v.variant('kind', [
  v.strictObject({
    kind: v.literal('signoff'),
    signoffId: str,
    purpose: enums.purpose,
    expiresAt: str,
  }),
  v.strictObject({ kind: v.literal('brief'), missing: v.array(str) }),
])

/**
 * `ProjectView`: a project as one viewer may see it; absent parts are not the viewer's to see.
 *
 * @example
 * v.parse(projectViewSchema, value)
 */
export const projectViewSchema = named(
  'ProjectView',
  v.strictObject({
    viewer: v.picklist(['staff', 'client', 'signer', 'third_party', 'public']),
    studio: opt(v.strictObject({ id: str, name: str })),
    id: str,
    name: str,
    codename: str,
    title: opt(str),
    confidentiality: enums.confidentiality,
    client: opt(
      v.strictObject({
        id: str,
        name: opt(str),
        company: opt(str),
        email: opt(str),
        phone: opt(str),
        notes: opt(str),
      }),
    ),
    state: opt(enums.stage),
    stages: opt(v.array(stageViewSchema)),
    services: opt(v.array(enums.service)),
    contract: opt(contractSchema),
    rounds: opt(v.array(roundViewSchema)),
    roundsUsage: opt(v.strictObject({ used: int, included: int, billable: int })),
    brief: opt(outputBriefSchema),
    research: opt(
      v.strictObject({ notes: opt(str), references: opt(v.array(str)), skippedReason: opt(str) }),
    ),
    deliverables: opt(v.array(deliverableViewSchema)),
    signoffs: opt(v.array(signoffViewSchema)),
    waitingFor: opt(v.array(waitingSchema)),
    activity: opt(v.array(activityViewSchema)),
    receipts: opt(
      v.array(v.strictObject({ id: str, signoffId: str, purpose: enums.purpose, issuedAt: str })),
    ),
    grants: opt(v.array(grantViewSchema)),
    consents: opt(v.array(consentViewSchema)),
    delivery: opt(
      v.strictObject({
        deliveredAt: str,
        method: enums.deliveryMethod,
        files: v.array(subjectFileSchema),
        licence: str,
        note: opt(str),
        receiptId: opt(str),
      }),
    ),
    warranty: opt(v.strictObject({ endsAt: str, daysLeft: int, active: v.boolean() })),
    accessLog: opt(v.array(accessLogViewSchema)),
    version: opt(int),
    createdAt: opt(str),
    updatedAt: opt(str),
  }),
)
