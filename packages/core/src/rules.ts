/*
 * `@atelier/core/rules`: the rules as data and the pure functions that read them — the eight
 * stages, the move table, the gates, the visibility matrix and the one projection — and how
 * audit events and receipts are built, for tools that write records themselves (a bulk loader,
 * an import).
 */
export { chainEvent, genesisHash, hashEvent } from './audit/audit-chain.js'
export { type Section, sees, type Viewer, visibilityMatrix } from './confidentiality/visibility.js'
export {
  applyMove,
  checkMove,
  type GateContext,
  gates,
  isCurrent,
  latestRound,
  warrantyEndsAt,
} from './gates/gates.js'
export { isStudioActor } from './internal/atoms.js'
export {
  may,
  movePermission,
  permissions,
  rolePermissions,
  rolesWith,
} from './member/roles.js'
export { missingBriefFields, requiredBriefFields } from './project/brief.js'
export { findMove, type GateKey, type Move, moveTable, nextStages } from './project/moves.js'
export { generateCodename } from './project/project.js'
export {
  isOpenStage,
  stageLabel,
  stageOrder,
  stages,
  type TerminalState,
  terminalStates,
} from './project/stages.js'
export { resolutionMap } from './revision/resolution-map.js'
export { signReceipt } from './sign-off/receipt.js'
export {
  clientPurposes,
  effectiveStatus,
  isExpired,
  purposesAllowingChanges,
} from './sign-off/signoff.js'
export { currentSigningKey, defaultStudioSettings } from './studio/studio.js'
export { type ProjectSnapshot, viewProject } from './view/view-project.js'
export { viewValidUntil } from './view/view-valid-until.js'
