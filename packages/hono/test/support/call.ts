import type { Hono } from 'hono'
import { conformance } from './conformance.js'

export interface CallInit {
  token?: string
  json?: unknown
  body?: BodyInit
  headers?: Record<string, string>
  ifMatch?: number | string
}

export interface Reply {
  status: number
  headers: Headers
  // biome-ignore lint/suspicious/noExplicitAny: test convenience for reading JSON bodies
  json: any
  text: string
  operationId?: string
}

export type Caller = ((method: string, path: string, init?: CallInit) => Promise<Reply>) & {
  /** Operation ids that answered 2xx, for the coverage check. */
  succeeded: Set<string>
}

/**
 * `call(method, path, { token, json, ifMatch })` against the app. Every JSON answer is checked
 * against /openapi.json (declared status, matching schema); problem responses must be
 * `application/problem+json`.
 */
export function callerFor(app: Hono): Caller {
  let checker: ReturnType<typeof conformance> | undefined
  const succeeded = new Set<string>()
  const call = async (method: string, path: string, init: CallInit = {}): Promise<Reply> => {
    const headers: Record<string, string> = { ...init.headers }
    if (init.token) headers.Authorization = `Bearer ${init.token}`
    if (init.ifMatch !== undefined) headers['If-Match'] = `"${init.ifMatch}"`
    let body = init.body
    if (init.json !== undefined) {
      body = JSON.stringify(init.json)
      headers['Content-Type'] ??= 'application/json'
    }
    const res = await app.request(path, { method, headers, ...(body !== undefined && { body }) })
    const text = method === 'HEAD' ? '' : await res.text()
    const type = res.headers.get('Content-Type')
    const isJson = /json/.test(type ?? '')
    const json = isJson && text ? JSON.parse(text) : undefined
    if (res.status >= 400 && !type?.startsWith('application/problem+json')) {
      throw new Error(
        `${method} ${path} answered ${res.status} as ${type}, not problem+json: ${text}`,
      )
    }
    checker ??= conformance(app)
    const operationId = (await checker).check(
      method,
      path,
      res.status,
      type,
      isJson ? json : undefined,
    )
    if (operationId && res.status < 300) succeeded.add(operationId)
    return { status: res.status, headers: res.headers, json, text, operationId }
  }
  return Object.assign(call, { succeeded })
}
