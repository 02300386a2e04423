/**
 * Every error Atelier raises carries one of these stable codes. Adapters (HTTP, CLI) map a
 * code to their own vocabulary in one place; the code never changes once released.
 */
export const errorCodes = {
  invalid_input: 'The input is malformed; `details.fields` names each offending field.',
  not_found: 'The resource does not exist in this studio (or the credential cannot see it).',
  unauthorized: 'No valid credential was presented.',
  forbidden: 'The credential is valid but may not do this.',
  conflict: 'The request conflicts with the current state (for example a different decision).',
  version_mismatch: 'The expected version is stale; re-read and try again.',
  gate_failed: 'A stage move was refused; `details.gate` names the failed gate.',
  gone: 'The resource existed but is expired, revoked or superseded.',
  too_large: 'The payload exceeds the configured size limit.',
  write_conflict: 'A concurrent write collided; the operation is retried automatically.',
  storage_unavailable:
    'The file store cannot read or write now (no space, read-only, no permission, unreachable); `details.reason` says which.',
} as const

/** A stable error code. */
export type ErrorCode = keyof typeof errorCodes
