import type { GenerateSpecOptions } from 'hono-openapi'
import { resolver } from 'hono-openapi'
import { problemResponses, type TagName, tagNames } from './operation.js'
import { problemSchema } from './schemas/records.js'

const tagDescriptions: Record<TagName, string> = {
  Studio: 'The studio: settings, allowed origins and receipt-signing keys.',
  Members:
    "The studio's people in roles (owner, manager, designer, viewer) and invitations by single-use link.",
  Account:
    'The signed-in member: their studios, the studio the session acts in, their sessions; accepting an invitation.',
  Keys: 'API keys: `atl_sk_` secret keys for servers, `atl_pk_` publishable keys for web pages.',
  Clients: 'Clients and their tokens (`atl_ct_` sessions and access links).',
  Projects: 'Projects through the eight stages: brief, moves through gates, review, delivery.',
  Deliverables: 'Deliverables and their versions: uploads streamed and hashed, downloads.',
  Revisions: 'Revision rounds (修订): requests, quotes for billable rounds, items, resolutions.',
  'Sign-offs': 'Sign-off requests (确认) bound to exact files; links shown once.',
  Sharing: 'Share grants for third parties and portfolio consent.',
  Audit: 'The tamper-evident audit chain and the access log of confidential projects.',
  Client: "The client's own projects with an `atl_ct_` client token: the tracker.",
  'Sign-off link': 'What the holder of one sign-off link (`atl_so_`) may do: read, then decide.',
  Shared: 'What a third party with a share token (`atl_sg_`) may read, after consent.',
  Public: 'No credential (or a publishable key): published keys and receipt verification.',
}

const problemTitles: Record<string, string> = {
  BadRequest: 'Malformed or invalid input (`invalid_input`, with `fields`).',
  Unauthorized: 'No credential, or one that is unknown, expired or revoked (`unauthorized`).',
  Forbidden: 'A credential of the wrong kind, or a browser origin the studio does not allow.',
  NotFound: 'No such resource for this credential (`not_found`), including other studios’.',
  Conflict:
    'The state forbids it (`conflict`, `gate_failed` with `gate`), or an idempotent request is in flight.',
  Gone: 'Expired, revoked or superseded (`gone`, with `reason`).',
  PreconditionFailed: 'The `If-Match` version is stale (`version_mismatch`).',
  PayloadTooLarge: 'The body exceeds the size limit (`too_large`).',
  UnsupportedMediaType: 'The body is not in the media type the route takes.',
  RangeNotSatisfiable:
    'The `Range` starts past the end of the file (`range_not_satisfiable`); `Content-Range` gives its size.',
  IdempotencyKeyReused: 'The `Idempotency-Key` was used with a different request.',
  PreconditionRequired: 'The change needs `If-Match` (`precondition_required`).',
  TooManyRequests: 'Rate limited (`rate_limited`); see `Retry-After`.',
  NotImplemented: 'Not available in this version.',
  ServiceUnavailable:
    'The file store cannot read or write now (`storage_unavailable`, with `reason`); retry later.',
  InsufficientStorage:
    'The file store has no space left (`storage_unavailable`, `reason: no_space`).',
}

const bearer = (prefix: string, description: string) => ({
  type: 'http' as const,
  scheme: 'bearer',
  bearerFormat: `${prefix}…`,
  description,
})

/**
 * The document-level parts of the OpenAPI 3.1 description: info, tags, security schemes,
 * shared parameters, headers and problem responses. Operations come from the routes.
 *
 * @example
 * await generateSpecs(app, specOptions())
 */
export function specOptions(): Partial<GenerateSpecOptions> {
  const problem = { 'application/problem+json': { schema: resolver(problemSchema) } }
  return {
    defaultValidationErrorResponse: false,
    documentation: {
      info: {
        title: 'Atelier API',
        version: '1.0.0',
        description:
          'The client-service layer of a design studio: projects through eight stages, revision rounds, sign-offs with signed receipts. Errors are RFC 9457 `application/problem+json` with a stable `code`.',
      },
      tags: tagNames.map((name) => ({ name, description: tagDescriptions[name] })),
      components: {
        securitySchemes: {
          secretKey: bearer(
            'atl_sk_',
            'Studio secret key: servers and staff tools, never in HTML.',
          ),
          memberSession: {
            type: 'apiKey',
            in: 'cookie',
            name: 'better-auth.session_token',
            description:
              "A studio member's session, from `POST /auth/sign-in/email` (`__Secure-` prefixed on https). Changes need `Origin` to be the server's own.",
          },
          publishableKey: bearer(
            'atl_pk_',
            "Publishable key: from pages on the studio's allowed origins.",
          ),
          clientToken: bearer(
            'atl_ct_',
            "Client token: a session or an access link; the client's own projects.",
          ),
          signoffToken: bearer('atl_so_', 'Sign-off token: the one request of a sign-off link.'),
          shareToken: bearer(
            'atl_sg_',
            'Share token: files shared with a third party, after consent.',
          ),
        },
        parameters: {
          IfMatch: {
            name: 'If-Match',
            in: 'header',
            required: true,
            description: 'The `ETag` you last read, `"<version>"`. Missing is 428, stale is 412.',
            schema: { type: 'string', pattern: '^"[0-9]+"$' },
          },
          IdempotencyKey: {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description:
              'Makes a creating POST safe to retry: the first response is replayed for 24 h (without one-time tokens, which are never stored).',
            schema: { type: 'string', minLength: 1, maxLength: 255 },
          },
        },
        headers: {
          ETag: {
            description: 'The version, `"<version>"`; a file’s sha256.',
            schema: { type: 'string' },
          },
          Location: { description: 'Where the created resource is.', schema: { type: 'string' } },
        },
        responses: Object.fromEntries(
          Object.values(problemResponses).map((name) => [
            name,
            { description: problemTitles[name] ?? name, content: problem },
          ]),
        ),
      },
    },
  }
}
