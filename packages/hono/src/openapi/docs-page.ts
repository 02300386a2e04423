type Json = Record<string, unknown>

const html = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;max-width:72rem;margin:0 auto;padding:1rem 1.5rem;color:#1d1d1f}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:1px solid #ddd}
details{border:1px solid #e3e3e3;border-radius:6px;margin:.4rem 0;padding:.3rem .7rem}
summary{cursor:pointer}code,pre{font:13px ui-monospace,monospace}
pre{background:#f6f6f6;padding:.6rem;overflow:auto;max-height:24rem}
.m{display:inline-block;min-width:4.2rem;font-weight:600;text-transform:uppercase}
.get{color:#0a6}.post{color:#06c}.patch{color:#a60}.delete{color:#c22}
.auth{color:#666;font-size:.85em;margin-left:.5rem}
nav a{margin-right:.8rem}`

function operation(path: string, method: string, op: Json): string {
  const security = (op.security as Json[] | undefined) ?? []
  const auth = security.map((s) => Object.keys(s)[0] ?? 'none').join(' or ')
  const params = (op.parameters as Json[] | undefined) ?? []
  const body = (op.requestBody as Json | undefined)?.content
  const responses = Object.entries((op.responses as Json | undefined) ?? {})
  return `<details id="${html(op.operationId)}"><summary><span class="m ${method}">${method}</span> <code>${html(path)}</code> — ${html(op.summary)}<span class="auth">${html(auth)}</span></summary>
<p>${html(op.description)}</p><p><code>operationId: ${html(op.operationId)}</code></p>
${params.length ? `<h4>Parameters</h4><pre>${html(JSON.stringify(params, null, 2))}</pre>` : ''}
${body ? `<h4>Request body</h4><pre>${html(JSON.stringify(body, null, 2))}</pre>` : ''}
<h4>Responses</h4><pre>${html(JSON.stringify(Object.fromEntries(responses), null, 2))}</pre></details>`
}

/**
 * The API reference page: every operation of the OpenAPI document grouped by tag, rendered on
 * the server into one HTML page with no script and no third-party asset. The only style
 * carries `nonce`, for a CSP of `default-src 'none'`.
 *
 * @example
 * c.html(docsPage(await generateSpecs(app), nonce))
 */
export function docsPage(doc: Json, nonce: string): string {
  const info = (doc.info ?? {}) as Json
  const tags = (doc.tags as { name: string; description?: string }[] | undefined) ?? []
  const paths = Object.entries((doc.paths ?? {}) as Record<string, Json>)
  const sections = tags.map((tag) => {
    const ops = paths.flatMap(([path, item]) =>
      METHODS.flatMap((method) => {
        const op = item[method] as Json | undefined
        return op && (op.tags as string[] | undefined)?.includes(tag.name)
          ? [operation(path, method, op)]
          : []
      }),
    )
    return `<h2 id="tag-${html(tag.name)}">${html(tag.name)}</h2><p>${html(tag.description)}</p>${ops.join('\n')}`
  })
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${html(info.title)} reference</title><style nonce="${html(nonce)}">${STYLE}</style></head>
<body><h1>${html(info.title)} <small>${html(info.version)}</small></h1><p>${html(info.description)}</p>
<p>Machine-readable: <a href="openapi.json">openapi.json</a> (OpenAPI 3.1). Send credentials as <code>Authorization: Bearer &lt;token&gt;</code>.</p>
<nav>${tags.map((t) => `<a href="#tag-${html(t.name)}">${html(t.name)}</a>`).join('')}</nav>
${sections.join('\n')}</body></html>`
}
