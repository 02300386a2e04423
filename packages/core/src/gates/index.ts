export {
  checkMove,
  type GateContext,
  gates,
  isCurrent,
  latestRound,
  type MoveCheck,
  warrantyEndsAt,
} from './gates.js'
