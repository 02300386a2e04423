import * as v from 'valibot'
import {
  confidentialityEnum,
  contractSchema,
  deliverableKindEnum,
  deliveryMethodEnum,
  fileRefSchema,
  int,
  itemSchema,
  named,
  openStageEnum,
  opt,
  outcomeEnum,
  outputBriefSchema,
  partySchema,
  pinSchema,
  portfolioSchema,
  portfolioScopeEnum,
  purposeEnum,
  quoteSchema,
  resolutionMapSchema,
  resolutionSchema,
  roundStatusEnum,
  serviceEnum,
  signoffStatusEnum,
  stageEnum,
  str,
  subjectFileSchema,
  visibilityEnum,
} from './common.js'

/** Response schemas of `viewProject`'s projection (core's `ProjectView` and its parts). */

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

export const deliverableViewSchema = named(
  'DeliverableView',
  v.strictObject({
    id: str,
    kind: deliverableKindEnum,
    title: str,
    visibility: opt(visibilityEnum),
    latestVersion: int,
    versions: v.array(versionViewSchema),
  }),
)

export const roundViewSchema = named(
  'RoundView',
  v.strictObject({
    id: str,
    n: int,
    status: roundStatusEnum,
    billable: v.boolean(),
    quote: opt(quoteSchema),
    items: v.array(
      v.strictObject({
        id: str,
        text: str,
        file: opt(fileRefSchema),
        pin: opt(pinSchema),
        resolution: opt(resolutionSchema),
      }),
    ),
    summary: v.strictObject({ round: int, total: int, addressed: int, declined: int, open: int }),
    openedAt: str,
    activatedAt: opt(str),
    dueAt: opt(str),
    version: opt(int),
  }),
)

export const signoffViewSchema = named(
  'SignoffView',
  v.strictObject({
    id: str,
    purpose: purposeEnum,
    status: signoffStatusEnum,
    expiresAt: str,
    createdAt: str,
    files: v.array(subjectFileSchema),
    round: opt(int),
    quote: opt(quoteSchema),
    resolutions: opt(resolutionMapSchema),
    party: opt(partySchema),
    portfolio: opt(portfolioSchema),
    message: opt(str),
    signer: opt(v.strictObject({ name: opt(str), email: opt(str) })),
    decision: opt(
      v.strictObject({
        outcome: outcomeEnum,
        name: str,
        comment: opt(str),
        items: opt(v.array(itemSchema)),
        at: str,
        via: opt(v.picklist(['link', 'client'])),
        userAgent: opt(str),
        ipHash: opt(str),
      }),
    ),
    receiptId: opt(str),
  }),
)

export const activityViewSchema = named(
  'ActivityView',
  v.strictObject({
    seq: int,
    at: str,
    action: str,
    actor: v.strictObject({ kind: str, label: str }),
    data: v.record(str, v.unknown()),
    visibility: opt(visibilityEnum),
  }),
)

export const grantViewSchema = named(
  'GrantView',
  v.strictObject({
    id: str,
    party: v.strictObject({ name: str, organisation: opt(str) }),
    email: opt(str),
    purpose: opt(str),
    files: v.array(subjectFileSchema),
    status: v.picklist([
      'awaiting_consent',
      'awaiting_nda',
      'active',
      'declined',
      'revoked',
      'expired',
    ]),
    expiresAt: str,
  }),
)

export const consentViewSchema = named(
  'ConsentView',
  v.strictObject({
    id: str,
    scope: v.array(portfolioScopeEnum),
    embargoUntil: opt(str),
    note: opt(str),
    status: v.picklist(['pending', 'granted', 'declined', 'revoked']),
    grantedAt: opt(str),
    revokedAt: opt(str),
    signoffId: str,
  }),
)

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
  key: openStageEnum,
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
    purpose: purposeEnum,
    expiresAt: str,
  }),
  v.strictObject({ kind: v.literal('brief'), missing: v.array(str) }),
])

/** `ProjectView`: a project as one viewer may see it; absent parts are not the viewer's to see. */
export const projectViewSchema = named(
  'ProjectView',
  v.strictObject({
    viewer: v.picklist(['staff', 'client', 'signer', 'third_party', 'public']),
    id: str,
    name: str,
    codename: str,
    title: opt(str),
    confidentiality: confidentialityEnum,
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
    state: opt(stageEnum),
    stages: opt(v.array(stageViewSchema)),
    services: opt(v.array(serviceEnum)),
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
      v.array(v.strictObject({ id: str, signoffId: str, purpose: purposeEnum, issuedAt: str })),
    ),
    grants: opt(v.array(grantViewSchema)),
    consents: opt(v.array(consentViewSchema)),
    delivery: opt(
      v.strictObject({
        deliveredAt: str,
        method: deliveryMethodEnum,
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
