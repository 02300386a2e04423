/**
 * The pages behind links: `/s/<token>` (a sign-off), `/track` (a client's access link),
 * `/shared` (a third party's share), `/join` (a member's invitation) and `/reset` (a password
 * reset). Each is a shell that loads one script; no token or data is ever written into the
 * HTML — the scripts read the token from the URL.
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
  join: { 'zh-CN': '加入工作室', en: 'Join a studio' },
  reset: { 'zh-CN': '设置新密码', en: 'Set a new password' },
} as const

const style = `
  :root { color-scheme: light dark; font-family: system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
  body { margin: 0; background: Canvas; color: CanvasText; }
  main { max-width: 56rem; margin: 0 auto; padding: 2rem 1rem 4rem; }
  footer { max-width: 56rem; margin: 0 auto; padding: 0 1rem 2rem; font-size: .8rem; opacity: .65; }
`

/** The forms of `/join` and `/reset`: one narrow column, large targets, visible focus. */
const formStyle = `
  :root { --accent: light-dark(#1d4ed8, #93c5fd); --on-accent: light-dark(#fff, #0b1220); --error: light-dark(#b91c1c, #fca5a5); --line: color-mix(in srgb, CanvasText 38%, Canvas); --muted: color-mix(in srgb, CanvasText 72%, Canvas); }
  main, footer { max-width: 30rem; }
  main { line-height: 1.6; }
  h1 { font-size: 1.6rem; line-height: 1.3; margin: 0 0 .75rem; text-wrap: balance; }
  h1:focus { outline: none; }
  p { margin: 0 0 1rem; text-wrap: pretty; }
  main:lang(zh) { word-break: keep-all; overflow-wrap: anywhere; }
  #status { margin-top: 1rem; }
  .address { overflow-wrap: anywhere; font-weight: 600; }
  .muted, .hint { color: var(--muted); }
  form { display: grid; gap: 1.1rem; margin-top: 1.5rem; }
  .field { display: grid; gap: .3rem; }
  label { font-weight: 600; }
  .hint, .error { font-size: .9rem; margin: 0; }
  .error { color: var(--error); font-weight: 600; }
  .error:empty { display: none; }
  input:not([type=checkbox]) { font: inherit; color: inherit; background: Canvas; padding: .6rem .75rem; border: 1px solid var(--line); border-radius: .5rem; width: 100%; box-sizing: border-box; min-height: 2.75rem; }
  input[readonly] { background: color-mix(in srgb, CanvasText 7%, Canvas); border-style: dashed; }
  input[aria-invalid=true] { border-color: var(--error); border-width: 2px; }
  .check { display: flex; gap: .5rem; align-items: center; font-weight: 400; }
  .check input { width: 1.1rem; height: 1.1rem; margin: 0; accent-color: var(--accent); }
  button { font: inherit; font-weight: 600; min-height: 2.75rem; padding: .6rem 1.2rem; border-radius: .5rem; border: 2px solid var(--accent); background: var(--accent); color: var(--on-accent); cursor: pointer; justify-self: start; }
  button.secondary { background: transparent; color: var(--accent); }
  button[aria-disabled=true] { opacity: .6; cursor: progress; }
  :focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
  a { color: var(--accent); }
  .alert { border-inline-start: 4px solid var(--error); padding: .5rem .75rem; background: color-mix(in srgb, var(--error) 10%, Canvas); }
  .alert:empty { display: none; }
  .done { border-inline-start: 4px solid light-dark(#15803d, #86efac); padding: .5rem .75rem; }
  [role=status]:empty { display: none; }
`

/** The Content-Security-Policy of the pages: only this origin's scripts, no framing. */
export const pageCsp =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

function shell(
  kind: keyof typeof titles,
  lang: PageLang,
  body: string,
  script: string,
  extraStyle = '',
): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="/assets/favicon.svg">
<title>${titles[kind][lang]}</title>
<style>${style}${extraStyle}</style>
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

const loading = { 'zh-CN': '正在加载…', en: 'Loading…' } as const
const noScript = {
  'zh-CN': '此页面需要启用 JavaScript。',
  en: 'This page needs JavaScript.',
} as const

/** A form page: its script fills `#app`; `#status` announces what is under way. */
const formPage = (kind: 'join' | 'reset', lang: PageLang) =>
  shell(
    kind,
    lang,
    `<div id="app"><p>${loading[lang]}</p></div><p id="status" class="muted" role="status" aria-live="polite"></p><noscript><p>${noScript[lang]}</p></noscript>`,
    `/assets/${kind}.js`,
    formStyle,
  )

/**
 * The invitation page: a script previews the invitation in `#t=` and joins the studio.
 *
 * @example
 * app.get('/join', (c) => c.html(joinPage(pageLang(c.req.header('Accept-Language')))))
 */
export const joinPage = (lang: PageLang) => formPage('join', lang)

/**
 * The password-reset page: a script sets a new password with the token in `#t=`.
 *
 * @example
 * app.get('/reset', (c) => c.html(resetPage('en')))
 */
export const resetPage = (lang: PageLang) => formPage('reset', lang)
