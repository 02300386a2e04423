import { AtelierError, type ErrorCode, type FieldIssue } from '@atelier/core'
import type { Context, ErrorHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { send } from './http/send.js'
import { redactPath } from './middleware/request-log.js'

/**
 * HTTP status of each of core's error codes.
 *
 * @example
 * statusOfCode.version_mismatch // 412
 */
export const statusOfCode = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gate_failed: 409,
  write_conflict: 409,
  gone: 410,
  version_mismatch: 412,
  too_large: 413,
  storage_unavailable: 503,
} as const satisfies Record<ErrorCode, ContentfulStatusCode>

/**
 * Codes only the HTTP layer raises, with their status.
 *
 * @example
 * httpCodes.precondition_required // 428
 */
export const httpCodes = {
  method_not_allowed: 405,
  idempotency_in_flight: 409,
  unsupported_media_type: 415,
  range_not_satisfiable: 416,
  idempotency_key_reused: 422,
  precondition_required: 428,
  rate_limited: 429,
  internal: 500,
  not_implemented: 501,
} as const satisfies Record<string, ContentfulStatusCode>

/**
 * Every `code` a problem response may carry.
 *
 * @example
 * const code: ProblemCode = 'idempotency_key_reused'
 */
export type ProblemCode = ErrorCode | keyof typeof httpCodes

const titles: Record<ProblemCode, string> = {
  invalid_input: 'Invalid input',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  conflict: 'Conflict',
  gate_failed: 'Stage gate failed',
  write_conflict: 'Write conflict',
  gone: 'Gone',
  version_mismatch: 'Precondition failed',
  too_large: 'Payload too large',
  storage_unavailable: 'Storage unavailable',
  method_not_allowed: 'Method not allowed',
  idempotency_in_flight: 'Request in flight',
  unsupported_media_type: 'Unsupported media type',
  range_not_satisfiable: 'Range not satisfiable',
  idempotency_key_reused: 'Idempotency key reused',
  precondition_required: 'Precondition required',
  rate_limited: 'Too many requests',
  internal: 'Internal error',
  not_implemented: 'Not implemented',
}

/**
 * An error only the HTTP layer knows (a missing `If-Match`, a rate limit). Thrown anywhere in
 * a request, rendered by {@link onError} like core's errors.
 *
 * @example
 * throw new ApiError('precondition_required', 'send If-Match: "<version>" from the ETag')
 */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly code: keyof typeof httpCodes,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly fields?: FieldIssue[],
  ) {
    super(message)
  }
}

/**
 * An RFC 9457 problem document as Atelier sends it (`application/problem+json`).
 *
 * @example
 * const problem = (await res.json()) as Problem
 * if (problem.code === 'gate_failed') console.log(problem.gate)
 */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code: ProblemCode
  fields?: FieldIssue[]
  gate?: string
  reason?: string
  /** For `forbidden`: the permission the role lacks, and the role. */
  permission?: string
  role?: string
  /** For `conflict`: the rule that refused (`last_owner`). */
  rule?: string
  currentVersion?: number
  /** For a `gone` expired link: when it expired. */
  expiresAt?: string
  requestId: string
}

/** Extension members of core's error details passed on to clients. */
const passed = [
  'gate',
  'reason',
  'permission',
  'role',
  'rule',
  'currentVersion',
  'expiresAt',
] as const

function toProblem(error: unknown): {
  problem: Omit<Problem, 'requestId'>
  headers: Record<string, string>
} {
  const make = (code: ProblemCode, status: number, detail: string) => ({
    type: `urn:atelier:problem:${code}`,
    title: titles[code],
    status,
    detail,
    code,
  })
  if (error instanceof AtelierError) {
    // A full disk is 507 Insufficient Storage; every other storage failure is 503.
    const status =
      error.code === 'storage_unavailable' && error.details.reason === 'no_space'
        ? 507
        : statusOfCode[error.code]
    const problem: Omit<Problem, 'requestId'> = make(error.code, status, error.message)
    if (error.details.fields) problem.fields = error.details.fields
    for (const key of passed) {
      const value = error.details[key]
      if (value !== undefined) Object.assign(problem, { [key]: value })
    }
    const headers: Record<string, string> =
      error.code === 'unauthorized' ? { 'WWW-Authenticate': 'Bearer realm="atelier"' } : {}
    return { problem, headers }
  }
  if (error instanceof ApiError) {
    const problem: Omit<Problem, 'requestId'> = make(
      error.code,
      httpCodes[error.code],
      error.message,
    )
    if (error.fields) problem.fields = error.fields
    return { problem, headers: error.headers }
  }
  if (error instanceof HTTPException && error.status < 500) {
    const code: ProblemCode = error.status === 413 ? 'too_large' : 'invalid_input'
    const detail =
      error.status === 413
        ? 'the request body exceeds the size limit'
        : error.message || 'bad request'
    return { problem: make(code, error.status === 413 ? 413 : 400, detail), headers: {} }
  }
  return {
    problem: make(
      'internal',
      500,
      'an unexpected error occurred; quote the requestId when reporting it',
    ),
    headers: {},
  }
}

/**
 * Renders any error as `application/problem+json`. Never includes a stack trace: unexpected
 * errors become a generic 500 (and reach the `logger`).
 *
 * @example
 * return problemResponse(c, new ApiError('rate_limited', 'slow down', { 'Retry-After': '30' }))
 */
export function problemResponse(c: Context, error: unknown): Response {
  const { problem, headers } = toProblem(error)
  const caller = c.get('atelierCaller')
  const studio = caller?.credential === 'secret_key' || caller?.credential === 'session'
  if (problem.code === 'not_found' && caller && !studio) {
    // Core names related records in its messages (a file's project); only the studio may read them.
    problem.detail = `nothing at ${c.req.method} ${redactPath(c.req.path)} for this credential`
  }
  const body: Problem = { ...problem, requestId: c.get('requestId') ?? '' }
  return send(c, JSON.stringify(body), problem.status as ContentfulStatusCode, {
    ...headers,
    'Content-Type': 'application/problem+json',
  })
}

/**
 * The one error handler: core's codes, HTTP-only codes and Hono's own exceptions (malformed
 * JSON, body limit) to RFC 9457 problems.
 *
 * @example
 * app.onError(onError)
 */
export const onError: ErrorHandler = function onError(error, c) {
  return problemResponse(c, error)
}

/**
 * The catch-all for unknown routes under the API: 404 problem+json.
 *
 * @example
 * app.all('*', notFound)
 */
export function notFound(c: Context): Response {
  return problemResponse(
    c,
    new AtelierError(
      'not_found',
      `no route for ${c.req.method} ${redactPath(c.req.path)}; see /openapi.json`,
    ),
  )
}
