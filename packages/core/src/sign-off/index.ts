export type { DecisionResult } from './decide.js'
export * from './receipt.js'
export * from './signoff.js'
export type { SignerView } from './signoff-service.js'
