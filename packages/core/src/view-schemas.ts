/**
 * The view schemas: what the projections return, declared once as valibot schemas. Their
 * output types are the view types; hono-openapi renders them into the OpenAPI document.
 */
export { activityViewSchema } from './audit/activity-view.js'
export { auditEventSchema, chainHeadSchema, chainVerificationSchema } from './audit/chain-view.js'
export { type ClientView, clientViewSchema } from './client/client-view.js'
export {
  type ApiKeyView,
  apiKeyViewSchema,
  type ClientTokenView,
  clientTokenViewSchema,
} from './credential/credential-view.js'
export {
  deliverableViewSchema,
  subjectFileSchema,
  versionViewSchema,
} from './deliverable/deliverable-view.js'
export { moveCheckSchema } from './gates/move-check-view.js'
export { named } from './internal/view-atoms.js'
export {
  type InvitationPreview,
  type InvitationView,
  invitationPreviewSchema,
  invitationViewSchema,
  type MembershipView,
  type MemberView,
  membershipViewSchema,
  memberViewSchema,
} from './member/member-view.js'
export { stageViewSchema } from './project/stage-view.js'
export {
  itemResolutionSchema,
  quoteSchema,
  resolutionMapSchema,
  roundViewSchema,
} from './revision/round-view.js'
export { consentViewSchema } from './sharing/consent-view.js'
export { grantViewSchema } from './sharing/grant-view.js'
export {
  publicSigningKeySchema,
  receiptSchema,
  receiptVerificationSchema,
} from './sign-off/receipt-view.js'
export { partySchema, portfolioSchema, signoffViewSchema } from './sign-off/signoff-view.js'
export { type StudioView, studioViewSchema } from './studio/studio-view.js'
export {
  type AccessLogView,
  accessLogViewSchema,
  projectViewSchema,
  waitingItemSchema,
} from './view/project-view.js'
export { signerViewSchema } from './view/signer-view.js'
