// What the pages behind invitation and reset links share: the language, the token in the
// fragment, JSON calls to this origin, and accessible form fields. Plain DOM, text only.
export const zh = document.documentElement.lang.startsWith('zh')
export const t = (cn, en) => (zh ? cn : en)
export const passwordLength = { min: 10, max: 128 }

const app = document.getElementById('app')
const status = document.getElementById('status')

/**
 * The token in `#t=`, read once; the fragment is then removed from the address bar (and so
 * from history, bookmarks and screenshots). It only ever travels in a request body.
 */
export function takeToken() {
  const token = new URLSearchParams(location.hash.slice(1)).get('t')
  if (location.hash) history.replaceState(history.state, '', location.pathname)
  // The same page opened again with a link (only the fragment changes): start over with it.
  addEventListener('hashchange', () => {
    if (new URLSearchParams(location.hash.slice(1)).get('t')) location.reload()
  })
  return token
}

const words = globalThis.Intl?.Segmenter && new Intl.Segmenter('zh', { granularity: 'word' })
const HAN = /[\u3400-\u9fff]/

/**
 * Chinese text with a line-break opportunity between words only: with `word-break: keep-all`
 * a line never splits a word (工作室 stays whole), as BudouX does for Japanese.
 */
function phrased(text) {
  if (!zh || !words || !HAN.test(text)) return text
  const out = document.createDocumentFragment()
  for (const { segment } of words.segment(text)) {
    if (out.lastChild) out.append(document.createElement('wbr'))
    out.append(segment)
  }
  return out
}

/** An element with properties and children (strings become text, never HTML). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue
    if (key === 'class') node.className = value
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value)
    else if (key in node && !key.includes('-')) node[key] = value
    else node.setAttribute(key, value === true ? '' : value)
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue
    node.append(typeof child === 'string' ? phrased(child) : child)
  }
  return node
}

/** Says what is under way in the live region (empty to clear it). */
export function announce(text) {
  status.textContent = text
}

/** Shows one view: a heading and its content; the heading takes focus unless `quiet`. */
export function show(title, content, { quiet = false } = {}) {
  announce('')
  const heading = el('h1', { tabIndex: -1 }, title)
  app.replaceChildren(heading, ...content)
  if (!quiet) heading.focus()
}

/** A final message: a heading and paragraphs, nothing to fill in. */
export function message(title, ...paragraphs) {
  show(
    title,
    paragraphs.map((p) => (typeof p === 'string' ? el('p', {}, p) : p)),
  )
}

/**
 * A JSON request to this origin, with the session cookie: `{ status, body, retryAfter }`;
 * status 0 when the server could not be reached.
 */
export async function call(method, path, body) {
  let res
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body
        ? { 'Content-Type': 'application/json', Accept: 'application/json' }
        : { Accept: 'application/json' },
      ...(body && { body: JSON.stringify(body) }),
    })
  } catch {
    return { status: 0, body: {} }
  }
  const json = await res.json().catch(() => ({}))
  return { status: res.status, body: json ?? {}, retryAfter: res.headers.get('Retry-After') }
}

/** The message for answers every form treats alike: offline, too many tries, anything else. */
export function commonProblem(res) {
  if (res.status === 0)
    return t(
      '无法连接服务器。请检查网络后再试一次。',
      'Could not reach the server. Check your connection and try again.',
    )
  if (res.status === 429) {
    const minutes = Math.max(1, Math.ceil(Number(res.retryAfter ?? 60) / 60))
    return t(
      `尝试次数过多，请 ${minutes} 分钟后再试。`,
      `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    )
  }
  return t(
    `出了点问题（${res.status}），请稍后再试。`,
    `Something went wrong (${res.status}). Try again later.`,
  )
}

let fields = 0

/**
 * A labelled input with its hint and its error, both tied to it by `aria-describedby`.
 * `setError(text)` shows an error next to the field (empty clears it).
 */
export function field({ label, hint, ...input }) {
  const id = `f${++fields}`
  const hintEl = hint ? el('p', { class: 'hint', id: `${id}-hint` }, hint) : undefined
  const errorEl = el('p', { class: 'error', id: `${id}-error` })
  const control = el('input', { id, ...input })
  const describe = () => {
    const ids = [errorEl.textContent && errorEl.id, hintEl?.id].filter(Boolean)
    if (ids.length) control.setAttribute('aria-describedby', ids.join(' '))
    else control.removeAttribute('aria-describedby')
  }
  describe()
  return {
    node: el(
      'div',
      { class: 'field' },
      el('label', { htmlFor: id }, label),
      control,
      errorEl,
      hintEl,
    ),
    input: control,
    setError(text) {
      errorEl.textContent = text ?? ''
      if (text) control.setAttribute('aria-invalid', 'true')
      else control.removeAttribute('aria-invalid')
      describe()
    },
  }
}

/** A checkbox that shows the given password fields as text while it is ticked. */
export function showPasswords(...inputs) {
  const box = el('input', {
    type: 'checkbox',
    onchange: () => {
      for (const input of inputs) input.type = box.checked ? 'text' : 'password'
    },
  })
  return el('label', { class: 'check' }, box, t('显示密码', 'Show password'))
}

/**
 * A form submitted by script only (the page's CSP has `form-action 'none'`). `onSubmit` runs
 * once at a time; while it runs the button says so. It returns the form's own alert text, or
 * nothing. Fields' errors are cleared before each attempt.
 */
export function form({ fields: parts, extra = [], submit, busy, onSubmit }) {
  const alert = el('p', { class: 'alert', role: 'alert' })
  const button = el('button', { type: 'submit' }, submit)
  let running = false
  const node = el(
    'form',
    { noValidate: true },
    ...parts.map((p) => p.node),
    ...extra,
    alert,
    button,
  )
  node.addEventListener('submit', async (event) => {
    event.preventDefault()
    if (running) return
    running = true
    alert.textContent = ''
    for (const p of parts) p.setError('')
    button.setAttribute('aria-disabled', 'true')
    announce(busy)
    try {
      const problem = await onSubmit().catch(() =>
        t('出了点问题，请刷新页面后再试。', 'Something went wrong. Reload the page and try again.'),
      )
      // Done, refused, or moved to another view (which cleared it already).
      announce('')
      if (problem) alert.textContent = problem
    } finally {
      running = false
      button.removeAttribute('aria-disabled')
    }
  })
  return node
}

/** Focuses the first field that shows an error; true when there was one. */
export function focusFirstError(parts) {
  const bad = parts.find((p) => p.input.getAttribute('aria-invalid') === 'true')
  bad?.input.focus()
  return Boolean(bad)
}

/** The error for a password that breaks the length rule, else undefined. */
export function passwordProblem(password) {
  if (password.length < passwordLength.min)
    return t(
      `密码至少需要 ${passwordLength.min} 个字符。`,
      `The password needs at least ${passwordLength.min} characters.`,
    )
  if (password.length > passwordLength.max)
    return t(
      `密码最多 ${passwordLength.max} 个字符。`,
      `The password can have at most ${passwordLength.max} characters.`,
    )
  return undefined
}
