import type { ErrorCode } from './error-codes.js'

/** One offending field of an input, by dotted path. */
export interface FieldIssue {
  /** Dotted path to the field, e.g. `brief.audience` or `items.2.pin.x`. */
  path: string
  message: string
}

/**
 * Why a file store failed (`storage_unavailable`): no space left (HTTP 507), a read-only
 * device, no permission, its folder missing, or the store unreachable or refusing (503).
 */
export type StorageFailure = 'no_space' | 'read_only' | 'no_permission' | 'missing' | 'unreachable'

/** Structured details attached to an error. */
export interface ErrorDetails {
  fields?: FieldIssue[]
  /** For `gate_failed`: the gate that refused the move. */
  gate?: string
  /**
   * For `gone`: why the resource is gone (`used`: a single-use link, used); for
   * `storage_unavailable`: why the store failed; adapters add their own (`cross_origin`).
   */
  reason?:
    | 'expired'
    | 'revoked'
    | 'superseded'
    | 'decided'
    | 'used'
    | StorageFailure
    | (string & {})
  /** For `forbidden`: the permission the role lacks, and the role. */
  permission?: string
  [key: string]: unknown
}

/**
 * The one error class Atelier throws. `code` is stable; `message` says what was wrong and
 * what to do.
 *
 * @example
 * try { await atelier.projects.move(scope, input) }
 * catch (e) { if (e instanceof AtelierError && e.code === 'gate_failed') console.log(e.details.gate) }
 */
export class AtelierError extends Error {
  override readonly name = 'AtelierError'
  readonly code: ErrorCode
  readonly details: ErrorDetails

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message)
    this.code = code
    this.details = details
  }

  /** A plain-object form, safe to serialise. */
  toJSON(): { code: ErrorCode; message: string; details: ErrorDetails } {
    return { code: this.code, message: this.message, details: this.details }
  }
}

/** True when `error` is an {@link AtelierError}, optionally with the given code. */
export function isAtelierError(error: unknown, code?: ErrorCode): error is AtelierError {
  return error instanceof AtelierError && (code === undefined || error.code === code)
}
