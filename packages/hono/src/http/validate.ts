import { AtelierError, type FieldIssue } from '@atelier/core'
import type { MiddlewareHandler } from 'hono'
import { uniqueSymbol, validator } from 'hono-openapi'
import * as v from 'valibot'

type Issues = readonly {
  readonly message: string
  readonly path?: readonly (PropertyKey | { readonly key: unknown })[] | undefined
}[]

/**
 * Core's field issues from Standard Schema issues: dotted paths and messages.
 *
 * @example
 * fieldsOf(result.issues, 'query.') // [{ path: 'query.limit', message: '…' }]
 */
export function fieldsOf(issues: Issues, prefix = ''): FieldIssue[] {
  return issues.map((issue) => {
    const path = (issue.path ?? [])
      .map((p) => (typeof p === 'object' ? String(p.key) : String(p)))
      .join('.')
    return { path: prefix + path, message: issue.message }
  })
}

function invalid(what: string, issues: Issues, prefix = ''): AtelierError {
  const fields = fieldsOf(issues, prefix)
  const named = [...new Set(fields.map((f) => f.path || '(root)'))].join(', ')
  return new AtelierError('invalid_input', `invalid ${what}: ${named}`, { fields })
}

/**
 * Validates the JSON body with a schema (from core): 400 `invalid_input` naming each field.
 *
 * @example
 * app.post('/v1/clients', endpoint(…), json(createClientSchema), (c) => c.req.valid('json'))
 */
export function json<S extends v.GenericSchema>(schema: S) {
  return validator('json', schema, (result) => {
    if (!result.success) throw invalid('body', result.error)
  })
}

/**
 * Validates the query string: 400 `invalid_input` with fields prefixed `query.`.
 *
 * @example
 * app.get('/v1/clients', endpoint(…), query(listClientsQuery), handler)
 */
export function query<S extends v.GenericSchema>(schema: S) {
  return validator('query', schema, (result) => {
    if (!result.success) throw invalid('query', result.error, 'query.')
  })
}

/**
 * Validates path parameters. A malformed id names nothing that exists: 404, the same answer
 * as an unknown id or another studio's, so ids leak nothing. Runs the schema on
 * `c.req.param()` directly (the path has no media type to look at and nothing to await); the
 * OpenAPI description is the standard validator's.
 *
 * @example
 * app.get('/v1/projects/:projectId', endpoint(…), params(projectParams), handler)
 */
export function params<S extends v.GenericSchema>(schema: S) {
  const documented = validator('param', schema, () => undefined)
  const check: MiddlewareHandler = async function params(c, next) {
    const result = v.safeParse(schema, c.req.param())
    if (!result.success) {
      const names = fieldsOf(result.issues).map((f) => f.path)
      throw new AtelierError(
        'not_found',
        `no resource matches the path parameter ${names.join(', ')}`,
      )
    }
    c.req.addValidatedData('param', result.output as object)
    await next()
  }
  const spec = (documented as unknown as Record<typeof uniqueSymbol, unknown>)[uniqueSymbol]
  return Object.assign(check, { [uniqueSymbol]: spec }) as unknown as typeof documented
}
