/**
 * Returns `url` resolved against `base` when it may go into an `href` or `src`: `https:`, or
 * the page's own origin (which covers `blob:` URLs the element created). Anything else —
 * `javascript:`, `data:`, `http:` elsewhere, garbage — gives undefined.
 *
 * @example
 * safeUrl('https://studio.example/r/1') // 'https://studio.example/r/1'
 * safeUrl('javascript:alert(1)') // undefined
 */
export function safeUrl(url: string | undefined, base = location.href): string | undefined {
  if (!url) return undefined
  try {
    const u = new URL(url, base)
    return u.protocol === 'https:' || u.origin === new URL(base).origin ? u.href : undefined
  } catch {
    return undefined
  }
}

/**
 * The API base URL the elements may send a token to — what {@link safeUrl} allows: `https:` or
 * this page's origin (the default) — without a trailing slash.
 *
 * @example
 * apiBase('https://studio.example/api/') // 'https://studio.example/api'
 */
export function apiBase(api: string | undefined, base = location.href): string | undefined {
  return safeUrl(api || '/', base)?.replace(/\/+$/, '')
}
