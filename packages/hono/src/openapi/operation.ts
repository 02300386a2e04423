import type { ContentWithResolver, DescribeRouteOptions } from 'hono-openapi'
import { resolver } from 'hono-openapi'
import type * as v from 'valibot'
import type { RouteAuth } from '../context.js'

/**
 * The tags operations are grouped by, in the order the reference page shows them.
 *
 * @example
 * tagNames.indexOf('Projects') // 3
 */
export const tagNames = [
  'Studio',
  'Members',
  'Account',
  'Keys',
  'Clients',
  'Projects',
  'Deliverables',
  'Revisions',
  'Sign-offs',
  'Sharing',
  'Audit',
  'Client',
  'Sign-off link',
  'Shared',
  'Public',
] as const
/**
 * One of {@link tagNames}.
 *
 * @example
 * const tag: TagName = 'Revisions'
 */
export type TagName = (typeof tagNames)[number]

/**
 * Everything one route declares: its credential, its preconditions and its documentation.
 *
 * @example
 * const spec: EndpointSpec = { operationId: 'getStudio', summary: 'Read the studio', tag: 'Studio', auth: 'studio', ok: { status: 200, description: 'The studio.' } }
 */
export interface EndpointSpec {
  operationId: string
  summary: string
  description?: string
  tag: TagName
  auth: RouteAuth
  /** `json` bodies are validated by a `validator('json', …)` after the endpoint; `raw` is a file. */
  body?: 'json' | 'raw'
  /** Requires `If-Match: "<version>"` (428 when missing, 412 when stale). */
  ifMatch?: boolean
  /** Accepts `Idempotency-Key` (a creating POST). */
  idempotent?: boolean
  /** Public data other origins may embed: `Cross-Origin-Resource-Policy: cross-origin`. */
  embeddable?: boolean
  ok: {
    status: 200 | 201 | 204
    description: string
    schema?: v.GenericSchema
    /** The response is a file's bytes. */
    file?: boolean
    etag?: boolean
    location?: boolean
  }
  /** Error statuses beyond the ones every route can answer and those the flags imply. */
  errors?: number[]
}

/**
 * The OpenAPI security schemes, one per credential prefix.
 *
 * @example
 * securityOf.client_token // [{ clientToken: [] }]
 */
export const securityOf: Record<RouteAuth, Record<string, string[]>[]> = {
  studio: [{ secretKey: [] }, { memberSession: [] }],
  account: [{ memberSession: [] }],
  client_token: [{ clientToken: [] }],
  signoff: [{ signoffToken: [] }],
  share_grant: [{ shareToken: [] }],
  public: [{}, { publishableKey: [] }, { secretKey: [] }],
}

/**
 * The component response each error status refers to.
 *
 * @example
 * problemResponses[412] // 'PreconditionFailed'
 */
export const problemResponses: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  410: 'Gone',
  412: 'PreconditionFailed',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  416: 'RangeNotSatisfiable',
  422: 'IdempotencyKeyReused',
  428: 'PreconditionRequired',
  429: 'TooManyRequests',
  501: 'NotImplemented',
  503: 'ServiceUnavailable',
  507: 'InsufficientStorage',
}

function errorStatuses(spec: EndpointSpec): number[] {
  const statuses = new Set([400, 401, 403, 404, 429, ...(spec.errors ?? [])])
  if (spec.ifMatch) for (const s of [412, 428]) statuses.add(s)
  if (spec.idempotent) for (const s of [409, 422]) statuses.add(s)
  if (spec.body) for (const s of [413, 415]) statuses.add(s)
  // Files live in the blob store, which can fail on its own (`storage_unavailable`).
  if (spec.body === 'raw') for (const s of [503, 507]) statuses.add(s)
  if (spec.ok.file) for (const s of [416, 503]) statuses.add(s)
  return [...statuses].sort((a, b) => a - b)
}

function success(spec: EndpointSpec['ok']) {
  const headers = {
    ...(spec.etag && { ETag: { $ref: '#/components/headers/ETag' } }),
    ...(spec.location && { Location: { $ref: '#/components/headers/Location' } }),
  }
  const content: ContentWithResolver | undefined = spec.file
    ? { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } }
    : spec.schema && { 'application/json': { schema: resolver(spec.schema) } }
  return {
    description: spec.description,
    ...(Object.keys(headers).length > 0 && { headers }),
    ...(content && { content }),
  }
}

/**
 * The OpenAPI operation of an endpoint: id, summary, tag, security, header parameters, success
 * and problem responses. Body and query schemas are added by the route's validators.
 *
 * @example
 * describeRoute(operationOf({ operationId: 'getStudio', summary: 'Read the studio', … }))
 */
export function operationOf(spec: EndpointSpec): DescribeRouteOptions {
  const parameters = [
    ...(spec.ifMatch ? [{ $ref: '#/components/parameters/IfMatch' }] : []),
    ...(spec.idempotent ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : []),
  ]
  const errors = Object.fromEntries(
    errorStatuses(spec).map((s) => [
      String(s),
      { $ref: `#/components/responses/${problemResponses[s]}` },
    ]),
  )
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description && { description: spec.description }),
    tags: [spec.tag],
    security: securityOf[spec.auth],
    ...(parameters.length > 0 && { parameters }),
    ...(spec.body === 'raw' && {
      requestBody: {
        required: true,
        description: "The file's bytes; `Content-Type` is its media type.",
        content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
      },
    }),
    responses: {
      [String(spec.ok.status)]: success(spec.ok),
      ...(spec.ok.file && {
        '206': {
          ...success(spec.ok),
          description: 'One range of the bytes, as `Range: bytes=…` asked, with `Content-Range`.',
        },
      }),
      ...errors,
    },
  }
}
