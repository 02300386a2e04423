// The page behind a share link (`/shared#t=atl_sg_…`): lists the files a studio shared with a
// third party, once the client consented. The token stays in the fragment and the
// Authorization header; data is only ever written as text.
const zh = document.documentElement.lang.startsWith('zh')
const t = (cn, en) => (zh ? cn : en)
const root = document.getElementById('shared')
const token = new URLSearchParams(location.hash.slice(1)).get('t')

function say(text) {
  root.replaceChildren(Object.assign(document.createElement('p'), { textContent: text }))
}

function size(bytes) {
  return new Intl.NumberFormat(zh ? 'zh-CN' : 'en', {
    style: 'unit',
    unit: bytes > 1e6 ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: 1,
  }).format(bytes > 1e6 ? bytes / 1e6 : bytes / 1e3)
}

async function download(file) {
  const res = await fetch(`/v1/shared/files/${encodeURIComponent(file.deliverableId)}/${file.n}`, {
    headers: { Authorization: `Bearer ${token}` },
  })
  if (!res.ok)
    return say(t('下载失败，请联系工作室。', 'The download failed; please contact the studio.'))
  const url = URL.createObjectURL(await res.blob())
  const a = Object.assign(document.createElement('a'), { href: url, download: file.filename })
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

async function load() {
  if (!token)
    return say(t('链接不完整，请复制完整的链接。', 'This link is incomplete; copy the whole link.'))
  const res = await fetch('/v1/shared', { headers: { Authorization: `Bearer ${token}` } })
  const body = await res.json().catch(() => ({}))
  if (!res.ok) {
    const messages = {
      forbidden: body.detail ?? t('尚未获得客户同意。', 'The client has not consented yet.'),
      gone: t('此共享已过期或被撤回。', 'This share expired or was withdrawn.'),
    }
    return say(messages[body.code] ?? t('找不到此共享。', 'This share was not found.'))
  }
  const heading = Object.assign(document.createElement('h1'), { textContent: body.name })
  const list = document.createElement('ul')
  for (const d of body.deliverables ?? []) {
    for (const v of d.versions) {
      const item = document.createElement('li')
      const button = Object.assign(document.createElement('button'), {
        type: 'button',
        textContent: t('下载', 'Download'),
      })
      button.addEventListener('click', () => download(v))
      item.append(
        `${d.title} · ${v.filename} · ${size(v.bytes)} · sha256 ${v.sha256.slice(0, 12)}… `,
        button,
      )
      list.append(item)
    }
  }
  root.replaceChildren(heading, list)
}

load().catch(() => say(t('无法连接，请稍后再试。', 'Could not connect; try again later.')))
