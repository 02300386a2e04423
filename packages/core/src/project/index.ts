export * from './brief.js'
export {
  checkMove,
  type GateContext,
  gates,
  isCurrent,
  latestRound,
  type MoveCheck,
  warrantyEndsAt,
} from './gates.js'
export { type SubmitForReviewInput, submitForReviewSchema } from './handoff-service.js'
export * from './moves.js'
export * from './project.js'
export { generateCodename } from './project-service.js'
export * from './stages.js'
