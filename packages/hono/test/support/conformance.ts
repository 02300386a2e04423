import { Ajv2020 } from 'ajv/dist/2020.js'
import type { Hono } from 'hono'

type Doc = {
  paths: Record<
    string,
    Record<string, { operationId: string; responses: Record<string, Record<string, unknown>> }>
  >
}

const DOC_ID = 'https://atelier.test/openapi.json'

/**
 * Checks responses against the OpenAPI document the app serves: the status must be one the
 * operation declares, and a JSON body must match its schema. Proves the document true.
 */
export async function conformance(app: Hono) {
  const doc = (await (await app.request('/openapi.json')).json()) as Doc
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false })
  ajv.addSchema({ ...doc, $id: DOC_ID })
  const routes = Object.entries(doc.paths).map(([template, item]) => ({
    template,
    item,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }))
  const cache = new Map<string, ReturnType<typeof ajv.compile>>()
  const esc = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1')

  return {
    doc,
    /** The operation a request went to, if the document has one. */
    operation(method: string, path: string) {
      const m = method === 'HEAD' ? 'get' : method.toLowerCase()
      const route = routes.find((r) => r.pattern.test(path.split('?')[0]!) && r.item[m])
      return route && { template: route.template, method: m, op: route.item[m]! }
    },
    /** Throws when the response contradicts the document. */
    check(method: string, path: string, status: number, type: string | null, body: unknown) {
      const found = this.operation(method, path)
      if (!found || status === 304 || status === 405) return found?.op.operationId
      const { template, method: m, op } = found
      const response = op.responses[String(status)]
      if (!response)
        throw new Error(`${op.operationId} answered ${status}, which the document does not declare`)
      if (method === 'HEAD' || body === undefined) return op.operationId
      const media = type?.split(';')[0]?.trim() ?? ''
      const ref = response.$ref as string | undefined
      const pointer = ref
        ? `${DOC_ID}${ref}/content/${esc(media)}/schema`
        : `${DOC_ID}#/paths/${esc(template)}/${m}/responses/${status}/content/${esc(media)}/schema`
      let validate = cache.get(pointer)
      if (!validate) {
        validate = ajv.compile({ $ref: pointer })
        cache.set(pointer, validate)
      }
      if (!validate(body)) {
        throw new Error(
          `${op.operationId} ${status} ${media} body does not match the document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 600)}`,
        )
      }
      return op.operationId
    },
  }
}
