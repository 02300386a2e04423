// The page behind a password-reset link (`/reset#t=…`, one hour, single use): a new password,
// twice, then Better Auth's reset. The token leaves the page only in that request's body.
import {
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
} from './account-ui.js'

const token = takeToken()

const linkUnusable = () =>
  message(
    t('此链接已失效', 'This link no longer works'),
    t(
      '此密码重置链接已被使用或已过期（链接在一小时后失效）。请向工作室的所有者索取新的链接。',
      "This password-reset link was already used or has expired (links last one hour). Ask your studio's owner for a new one.",
    ),
  )

function start() {
  if (!token)
    return message(
      t('链接不完整', 'This link is incomplete'),
      t('请重新打开完整的密码重置链接。', 'Open the whole password-reset link again.'),
    )
  const first = field({
    label: t('新密码', 'New password'),
    hint: t(`至少 ${passwordLength.min} 个字符。`, `At least ${passwordLength.min} characters.`),
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    minLength: passwordLength.min,
    maxLength: passwordLength.max,
  })
  const again = field({
    label: t('再次输入新密码', 'New password again'),
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    maxLength: passwordLength.max,
  })
  const parts = [first, again]
  show(
    t('设置新密码', 'Set a new password'),
    [
      form({
        fields: parts,
        extra: [showPasswords(first.input, again.input)],
        submit: t('保存新密码', 'Save the new password'),
        busy: t('正在保存…', 'Saving…'),
        async onSubmit() {
          const password = first.input.value
          const weak = passwordProblem(password)
          if (weak) first.setError(weak)
          else if (again.input.value !== password)
            again.setError(t('两次输入的密码不一致。', 'The two passwords do not match.'))
          if (focusFirstError(parts)) return
          const res = await call('POST', '/auth/reset-password', { newPassword: password, token })
          if (res.status === 200) return finished()
          const reason = res.body.reason ?? ''
          if (res.status === 400 && reason.startsWith('password_')) {
            first.setError(passwordProblem(password) ?? res.body.detail)
            return void first.input.focus()
          }
          if (res.status === 400 || res.status === 401) return linkUnusable()
          return commonProblem(res)
        },
      }),
    ],
    { quiet: true },
  )
}

function finished() {
  message(
    t('密码已更改', 'Your password has been changed'),
    el('p', { class: 'done' }, t('请用新密码登录。', 'Sign in with your new password.')),
    t(
      '为了安全，你在所有设备上的登录都已退出。',
      'For your safety, every device that was signed in to your account is now signed out.',
    ),
  )
}

start()
