// What the invitation page says: the invitation itself, roles, and why a link cannot be used.
import { el, message, t, zh } from './account-ui.js'

/** Roles as the page names them. */
const roleNames = {
  owner: t('所有者', 'owner'),
  manager: t('管理者', 'manager'),
  designer: t('设计师', 'designer'),
  viewer: t('查看者', 'viewer'),
}
export const roleOf = (role) => roleNames[role] ?? role
const when = (iso) =>
  new Intl.DateTimeFormat(zh ? 'zh-CN' : 'en', { dateStyle: 'long', timeStyle: 'short' }).format(
    new Date(iso),
  )
/** An e-mail address that, when it must wrap, wraps after `@` or before a dot first. */
export function address(email) {
  const node = el('span', { class: 'address' })
  for (const [i, part] of email.split(/(?<=@)|(?=\.)/).entries()) {
    if (i) node.append(el('wbr'))
    node.append(part)
  }
  return node
}

/** "Studio 山海 invites you (a@b.c) to join as designer. The invitation is valid until …" */
export function welcome(invitation) {
  const { email, role, expiresAt } = invitation
  const studioName = () => el('strong', {}, invitation.studio.name)
  return zh
    ? el(
        'p',
        {},
        studioName(),
        ' 邀请你（',
        address(email),
        `）以${roleOf(role)}身份加入。邀请有效期至 ${when(expiresAt)}。`,
      )
    : el(
        'p',
        {},
        studioName(),
        ' invites you (',
        address(email),
        `) to join as ${roleOf(role)}. The invitation is valid until ${when(expiresAt)}.`,
      )
}

const goneReasons = {
  used: t(
    '此邀请链接已被使用过。如果你仍需加入，请向工作室索取新的链接。',
    'This invitation link has already been used. If you still need to join, ask the studio for a new link.',
  ),
  expired: t(
    '此邀请链接已过期。请向工作室索取新的链接。',
    'This invitation link has expired. Ask the studio for a new link.',
  ),
  revoked: t(
    '工作室已撤回此邀请。如果你认为有误，请向工作室索取新的链接。',
    'The studio withdrew this invitation. If you think that is a mistake, ask the studio for a new link.',
  ),
}
const unknownLink = t(
  '找不到此邀请。请确认复制了完整的链接，或向工作室索取新的链接。',
  'This invitation link is not known. Check that you copied the whole link, or ask the studio for a new one.',
)

/** The invitation cannot be used (401, 410, a malformed token): say why and what to do. */
export function unusable(res) {
  const text = (res.status === 410 && goneReasons[res.body.reason]) || unknownLink
  message(t('此邀请无法使用', 'This invitation cannot be used'), text)
}

export const isLinkProblem = (res) =>
  res.status === 401 ||
  res.status === 410 ||
  (res.status === 400 && (res.body.fields ?? []).some((f) => f.path === 'token'))
