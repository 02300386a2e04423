/*
 * The public surface of @atelier/core, chosen on purpose: the service, its errors, the input and
 * view schemas with their types, the records' types, and the two verifiers. The storage port is
 * `@atelier/core/storage`, the rules tables and pure rules `@atelier/core/rules`, token helpers
 * `@atelier/core/tokens`, contract suites and scenarios `@atelier/core/testing`. Hashing,
 * canonical JSON and the other helpers stay inside.
 */

// The service
export { type Atelier, type AtelierOptions, createAtelier } from './atelier.js'
export type { AuditEvent, ChainHead, ChainVerification, Visibility } from './audit/audit-chain.js'
// Verifiers
export { verifyAuditChain } from './audit/audit-chain.js'
export { memoryBlobStore } from './blob/memory-blob-store.js'
// Inputs: valibot schemas and their types, by feature
export * from './client/client.js'
export type { ViewerKind } from './confidentiality/visibility.js'
export * from './credential/credential.js'
export {
  type AddVersionInput,
  addVersionSchema,
  type CreateDeliverableInput,
  createDeliverableSchema,
  type Deliverable,
  type DeliverableKind,
  type DeliverableWithVersions,
  deliverableKinds,
  type FileVersion,
  type OpenedFile,
} from './deliverable/deliverable.js'
// Errors
export * from './errors/index.js'
export type { MoveCheck } from './gates/gates.js'
export {
  type Actor,
  type CredentialRef,
  type FileRef,
  idOf,
  type Locale,
  type Role,
  roles,
  type Scope,
} from './internal/atoms.js'
export type { Page } from './internal/page.js'
export {
  type AddMemberInput,
  addMemberSchema,
  type ChangeRoleInput,
  changeRoleSchema,
  type Invitation,
  type InviteMemberInput,
  invitationDays,
  invitationTokenSchema,
  inviteMemberSchema,
  type Member,
  type MemberAccountInput,
  memberAccountSchema,
  type RemoveMemberInput,
  removeMemberSchema,
} from './member/member.js'
export { authorize, type Permission } from './member/roles.js'
export { type Brief, briefSchema } from './project/brief.js'
export {
  type AddNoteInput,
  addNoteSchema,
  type Confidentiality,
  type Contract,
  type CreateProjectInput,
  confidentialityLevels,
  createProjectSchema,
  type Delivery,
  type DeliveryMethod,
  deliveryMethods,
  type ListProjectsInput,
  listProjectsSchema,
  type MoveProjectInput,
  moveProjectSchema,
  type Project,
  type RecordDeliveryInput,
  recordDeliverySchema,
  researchSchema,
  type Service,
  type StageEntry,
  type SubjectFile,
  services,
  type UpdateProjectInput,
  updateProjectSchema,
} from './project/project.js'
export { type ProjectStage, projectStages, type Stage } from './project/stages.js'
export * from './revision/revision.js'
export type { IdempotencyBegin } from './service/request-state-service.js'
export type { Decided } from './service/signer-views.js'
export type { ViewDocument } from './service/view-document.js'
export type { ForScope, StaffView } from './service/views.js'
export {
  type AccessLogEntry,
  type CreateShareGrantInput,
  createShareGrantSchema,
  type GrantStatus,
  type PortfolioConsent,
  portfolioScopes,
  type RequestPortfolioConsentInput,
  requestPortfolioConsentSchema,
  type ShareGrant,
} from './sharing/grants.js'
export {
  type PublicSigningKey,
  type Receipt,
  type ReceiptVerification,
  type StoredReceipt,
  verifyReceipt,
} from './sign-off/receipt.js'
export {
  type CreateSignoffInput,
  createSignoffSchema,
  type Decision,
  type DecisionInput,
  decisionSchema,
  type Outcome,
  outcomes,
  type Signoff,
  type SignoffPurpose,
  type SignoffStatus,
  type SignoffSubject,
  type SubmitForReviewInput,
  signerSchema,
  signoffPurposes,
  submitForReviewSchema,
} from './sign-off/signoff.js'
// A storage and a blob store in memory, for trying things out and for tests
export { memoryStorage } from './storage/memory-storage.js'
export {
  type CreateStudioInput,
  createStudioSchema,
  type Studio,
  type StudioSettings,
  studioSettingsSchema,
  type UpdateStudioInput,
  updateStudioSchema,
} from './studio/studio.js'
export type { SignerView } from './view/signer-view.js'
export type * from './view/view-types.js'
// Views: valibot schemas (the OpenAPI document references them) and their types
export * from './view-schemas.js'
