import { describe, expect, test } from 'vitest'
import { apiBase, safeUrl } from './safe-url.js'

const page = 'http://studio.example/track#t=atl_ct_x'

describe('safeUrl', () => {
  test('lets https and same-origin URLs through, resolved', () => {
    expect(safeUrl('https://cdn.example/a.png', page)).toBe('https://cdn.example/a.png')
    expect(safeUrl('/v1/receipts/rct_1', page)).toBe('http://studio.example/v1/receipts/rct_1')
    expect(safeUrl('blob:http://studio.example/1f2e', page)).toBe('blob:http://studio.example/1f2e')
  })

  test('refuses script, data, plain http elsewhere, foreign blobs and garbage', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'http://evil.example/x',
      'blob:https://evil.example/1',
      'https://[bad',
      '',
      undefined,
    ]) {
      expect(safeUrl(url, page), String(url)).toBeUndefined()
    }
  })
})

describe('apiBase', () => {
  test("defaults to the page's origin and drops trailing slashes", () => {
    expect(apiBase('', page)).toBe('http://studio.example')
    expect(apiBase(undefined, page)).toBe('http://studio.example')
    expect(apiBase('https://api.studio.example/atelier/', page)).toBe(
      'https://api.studio.example/atelier',
    )
  })

  test('never sends a token to plain http on another origin', () => {
    expect(apiBase('http://api.elsewhere.example', page)).toBeUndefined()
    expect(apiBase('javascript:alert(1)', page)).toBeUndefined()
  })
})
