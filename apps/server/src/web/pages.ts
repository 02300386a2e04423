/**
 * The pages behind links: `/s/<token>` (a sign-off), `/track` (a client's access link) and
 * `/shared` (a third party's share). Each is a shell that loads one element bundle; no token
 * or data is ever written into the HTML — the elements read the token from the URL.
 */

export type PageLang = 'zh-CN' | 'en'

/** zh-CN unless the browser prefers English. */
export function pageLang(acceptLanguage: string | undefined): PageLang {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? ''
  return first.startsWith('en') ? 'en' : 'zh-CN'
}

const titles = {
  signoff: { 'zh-CN': '确认设计', en: 'Review and sign off' },
  track: { 'zh-CN': '项目进度', en: 'Your project' },
  shared: { 'zh-CN': '共享的文件', en: 'Shared files' },
} as const

const style = `
  :root { color-scheme: light dark; font-family: system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
  body { margin: 0; background: Canvas; color: CanvasText; }
  main { max-width: 56rem; margin: 0 auto; padding: 2rem 1rem 4rem; }
  footer { max-width: 56rem; margin: 0 auto; padding: 0 1rem 2rem; font-size: .8rem; opacity: .65; }
`

/** The Content-Security-Policy of the pages: only this origin's scripts, no framing. */
export const pageCsp =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

function shell(kind: keyof typeof titles, lang: PageLang, body: string, script: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="/assets/favicon.svg">
<title>${titles[kind][lang]}</title>
<style>${style}</style>
<script type="module" src="${script}"></script>
</head>
<body>
<main>${body}</main>
<footer>Atelier</footer>
</body>
</html>
`
}

/** The sign-off page: `<project-signoff>` reads its token from `/s/<token>`. */
export const signoffPage = (lang: PageLang) =>
  shell(
    'signoff',
    lang,
    '<project-signoff api=""></project-signoff>',
    '/elements/project-signoff.js',
  )

/** The access-link page: `<project-tracker>` reads the client token from `#t=`. */
export const trackPage = (lang: PageLang) =>
  shell(
    'track',
    lang,
    '<project-tracker api="" token-from="hash"></project-tracker>',
    '/elements/atelier-elements.js',
  )

/** The share page: a small script lists the shared files for the token in `#t=`. */
export const sharedPage = (lang: PageLang) =>
  shell('shared', lang, '<div id="shared" aria-live="polite"></div>', '/assets/shared.js')
