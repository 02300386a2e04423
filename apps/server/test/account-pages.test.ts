import { readFile } from 'node:fs/promises'
import { createAtelier } from '@atelier/core'
import { memoryStorage } from '@atelier/core/storage'
import { describe, expect, it } from 'vitest'
import type { Logger } from '../src/logger.js'
import { pageCsp } from '../src/web/pages.js'
import { assetRoots, serverApp } from '../src/web/server-app.js'

/** The app with a logger that keeps every line, to look for tokens in them. */
function app() {
  const lines: string[] = []
  const logger: Logger = {
    log: (level, message, fields) => lines.push(JSON.stringify({ level, message, fields })),
    request: (entry) => lines.push(JSON.stringify(entry)),
  }
  const storage = memoryStorage()
  const served = serverApp({
    atelier: createAtelier({ storage }),
    storage,
    publicUrl: 'http://atelier.test',
    logger,
  })
  return {
    lines,
    get: (path: string, lang = 'zh-CN,zh;q=0.9') =>
      served.request(`http://atelier.test${path}`, { headers: { 'Accept-Language': lang } }),
  }
}

const pages = [
  { path: '/join', script: '/assets/join.js', zh: '加入工作室', en: 'Join a studio' },
  { path: '/reset', script: '/assets/reset.js', zh: '设置新密码', en: 'Set a new password' },
]

describe.each(pages)('the $path page', ({ path, script, zh, en }) => {
  it('is a shell under the pages’ CSP that loads its one same-origin script, in Chinese by default', async () => {
    const res = await app().get(path)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toBe(pageCsp)
    expect(pageCsp).toContain("script-src 'self'")
    expect(pageCsp).toContain("form-action 'none'")
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    const html = await res.text()
    expect(html).toContain('<html lang="zh-CN">')
    expect(html).toContain(`<title>${zh}</title>`)
    expect(html).toContain(`<script type="module" src="${script}"></script>`)
    expect(html).toContain('role="status" aria-live="polite"')
    // No script in the page itself: the CSP would refuse it anyway.
    expect(html.match(/<script/g)).toHaveLength(1)
  })

  it('is in English when the browser prefers English', async () => {
    const html = await (await app().get(path, 'en-GB,en;q=0.9,zh;q=0.5')).text()
    expect(html).toContain('<html lang="en">')
    expect(html).toContain(`<title>${en}</title>`)
  })

  it('never holds or logs a token put in its query string', async () => {
    const served = app()
    const token = 'atl_iv_secretSecretSecretSecretSecretSecretSecre'
    const reset = 'DxT3kq9VbN2mZr7YpL4wHc8s'
    const html = await (await served.get(`${path}?t=${token}&r=${reset}`)).text()
    expect(html).not.toContain(token)
    expect(html).not.toContain(reset)
    expect(served.lines.length).toBeGreaterThan(0)
    expect(served.lines.join('\n')).not.toContain('secret')
    expect(served.lines.join('\n')).not.toContain(reset)
    expect(JSON.parse(served.lines.at(-1)!)).toMatchObject({ path, status: 200 })
  })

  it('logs an invitation token put in its path redacted', async () => {
    const served = app()
    const res = await served.get(`${path}/atl_iv_secretSecretSecretSecretSecretSecretSecre`)
    expect(res.status).toBe(404)
    expect(served.lines.join('\n')).not.toContain('secret')
  })
})

describe('the scripts of the account pages', () => {
  it.each(['join.js', 'reset.js', 'account-ui.js'])('%s is served as JavaScript', async (name) => {
    const res = await app().get(`/assets/${name}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  })

  it('send the token nowhere but a request body, and write no HTML', async () => {
    for (const name of ['join.js', 'reset.js', 'account-ui.js']) {
      const source = await readFile(`${assetRoots.public()}/assets/${name}`, 'utf8')
      expect(source).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/)
      expect(source).not.toMatch(/localStorage|sessionStorage|console\./)
      // The token appears in JSON bodies only, never in a URL or a header.
      expect(source).not.toMatch(/[?&/]t=\$\{|Bearer|\$\{token\}/)
    }
  })
})
