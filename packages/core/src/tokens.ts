/*
 * `@atelier/core/tokens`: what an adapter needs to tell Atelier's tokens apart before asking the
 * service who they are.
 */
export { hashToken, type TokenKind, tokenKind, tokenPrefixes } from './internal/tokens.js'
