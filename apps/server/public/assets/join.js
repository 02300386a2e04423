// The page behind an invitation link (`/join#t=atl_iv_…`): shows the invitation, makes the
// account (or signs in to an existing one), joins the studio and ends signed in. The token
// leaves the page only in the body of the API's invitation requests.
import {
  announce,
  call,
  commonProblem,
  el,
  field,
  focusFirstError,
  form,
  message,
  passwordLength,
  passwordProblem,
  show,
  showPasswords,
  t,
  takeToken,
  zh,
} from './account-ui.js'
import { signInViews } from './join-sign-in.js'
import { address, isLinkProblem, roleOf, unusable, welcome } from './join-text.js'

const token = takeToken()
let invitation
/** The sign-in forms, once the invitation is known. */
let signing

async function start() {
  if (!token)
    return message(
      t('链接不完整', 'This link is incomplete'),
      t(
        '请从邀请邮件或消息中重新打开完整的链接。',
        'Open the whole link from your invitation again.',
      ),
    )
  announce(t('正在读取邀请…', 'Reading your invitation…'))
  const [preview, me] = await Promise.all([
    call('POST', '/v1/invitations/preview', { token }),
    call('GET', '/v1/me'),
  ])
  if (isLinkProblem(preview)) return unusable(preview)
  if (preview.status !== 200) {
    return show(t('无法读取邀请', 'Could not read the invitation'), [
      el('p', {}, commonProblem(preview)),
      el('button', { type: 'button', onclick: start }, t('重试', 'Try again')),
    ])
  }
  invitation = preview.body
  signing = signInViews(invitation, (joined) => (joined ? done() : joinSignedIn({ auto: true })))
  if (me.status !== 200) return newAccount({ quiet: true })
  if (me.body.user.email.toLowerCase() === invitation.email.toLowerCase())
    return joinSignedIn({ quiet: true })
  return otherAccount(me.body.user.email)
}

/** No session: a name and a password make the account, which then joins and signs in. */
function newAccount(options) {
  const email = field({
    label: t('邮箱', 'E-mail'),
    hint: t('你将用这个邮箱登录。', 'You will sign in with this address.'),
    type: 'email',
    value: invitation.email,
    readOnly: true,
    autocomplete: 'username',
  })
  const name = field({
    label: t('你的名字', 'Your name'),
    hint: t('工作室的成员会看到这个名字。', 'The studio sees this name.'),
    type: 'text',
    value: invitation.name ?? '',
    autocomplete: 'name',
    required: true,
    maxLength: 120,
  })
  const password = field({
    label: t('设置密码', 'Choose a password'),
    hint: t(`至少 ${passwordLength.min} 个字符。`, `At least ${passwordLength.min} characters.`),
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    minLength: passwordLength.min,
    maxLength: passwordLength.max,
  })
  const parts = [email, name, password]
  show(
    t(`加入 ${invitation.studio.name}`, `Join ${invitation.studio.name}`),
    [
      welcome(invitation),
      form({
        fields: parts,
        extra: [showPasswords(password.input)],
        submit: t('创建账户并加入', 'Create account and join'),
        busy: t('正在创建账户…', 'Creating your account…'),
        async onSubmit() {
          const chosen = name.input.value.trim()
          if (!chosen) name.setError(t('请填写你的名字。', 'Enter your name.'))
          const weak = passwordProblem(password.input.value)
          if (weak) password.setError(weak)
          if (focusFirstError(parts)) return
          const res = await call('POST', '/v1/invitations/accept', {
            token,
            name: chosen,
            password: password.input.value,
          })
          if (res.status === 201) {
            // The account exists and has joined; only signing in is left, on its own form if need be.
            const problem = await signing.signIn(password.input.value, true)
            return problem && signing.existingAccount({ joined: true })
          }
          if (res.status === 409) return signing.existingAccount()
          if (isLinkProblem(res)) return unusable(res)
          if (res.status === 400 && res.body.fields?.length) {
            for (const issue of res.body.fields) {
              if (issue.path === 'password') password.setError(passwordProblem('') ?? issue.message)
              else if (issue.path === 'name')
                name.setError(
                  t(
                    '请填写你的名字（最多 120 个字符）。',
                    'Enter your name (at most 120 characters).',
                  ),
                )
            }
            if (focusFirstError(parts)) return
          }
          return res.body.detail && res.status === 400 ? res.body.detail : commonProblem(res)
        },
      }),
    ],
    options,
  )
}

/** Signed in as the invited address: one button joins with that account. */
function joinSignedIn({ quiet = false, auto = false } = {}) {
  const accept = async () => {
    const res = await call('POST', '/v1/invitations/accept', { token })
    if (res.status === 201 || res.status === 409) return done()
    if (isLinkProblem(res)) return unusable(res)
    return res.body.detail && res.status < 500 ? res.body.detail : commonProblem(res)
  }
  if (auto) {
    announce(t('正在加入…', 'Joining…'))
    return accept()
  }
  show(
    t(`加入 ${invitation.studio.name}`, `Join ${invitation.studio.name}`),
    [
      welcome(invitation),
      el(
        'p',
        {},
        ...(zh
          ? ['你已以 ', address(invitation.email), ' 登录。']
          : ['You are signed in as ', address(invitation.email), '.']),
      ),
      form({
        fields: [],
        submit: t('加入', 'Join'),
        busy: t('正在加入…', 'Joining…'),
        onSubmit: accept,
      }),
    ],
    { quiet },
  )
}

/** Signed in as someone else: signing out first lets the invited person make or use theirs. */
function otherAccount(other) {
  show(
    t(`加入 ${invitation.studio.name}`, `Join ${invitation.studio.name}`),
    [
      welcome(invitation),
      el(
        'p',
        {},
        ...(zh
          ? [
              '你当前以 ',
              address(other),
              ' 登录，但这份邀请是发给 ',
              address(invitation.email),
              ' 的。',
            ]
          : [
              'You are signed in as ',
              address(other),
              ', but this invitation is for ',
              address(invitation.email),
              '.',
            ]),
      ),
      form({
        fields: [],
        submit: t('退出登录并继续', 'Sign out and continue'),
        busy: t('正在退出…', 'Signing out…'),
        async onSubmit() {
          const res = await call('POST', '/auth/sign-out', {})
          if (res.status === 200) return newAccount()
          return commonProblem(res)
        },
      }),
    ],
    { quiet: true },
  )
}

/** Joined and signed in: say so, and what the person can do now. */
async function done() {
  const me = await call('GET', '/v1/me')
  const studio = invitation.studio.name
  const membership = me.body.memberships?.find((m) => m.studio.id === invitation.studio.id)
  const role = roleOf(membership?.member.role ?? invitation.role)
  message(
    t(`你已加入 ${studio}`, `You have joined ${studio}`),
    el(
      'p',
      { class: 'done' },
      ...(zh
        ? [`你是 ${studio} 的${role}，已以 `, address(invitation.email), ' 登录。']
        : [`You are a ${role} of ${studio}, signed in as `, address(invitation.email), '.']),
    ),
    el(
      'p',
      {},
      t(
        '工作室控制台即将推出。在此之前，你的登录可用于接入 Atelier API 的工具，详见 ',
        'The studio console is coming soon. Until then, your sign-in works with the tools that use the Atelier API; see the ',
      ),
      el('a', { href: '/docs' }, t('API 文档', 'API reference')),
      t('。', '.'),
    ),
  )
}

start().catch(() =>
  message(
    t('出错了', 'Something went wrong'),
    t('请刷新页面后再试。', 'Reload the page and try again.'),
  ),
)
