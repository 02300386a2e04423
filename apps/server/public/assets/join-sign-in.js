// The sign-in steps of the invitation page: the password of an existing account (or of the
// one just made, when signing in right after it failed), then a two-factor code if it has one.
import { call, commonProblem, el, field, form, show, t, zh } from './account-ui.js'
import { address } from './join-text.js'

/**
 * The sign-in views for `invitation`'s address. `next(joined)` runs once signed in: `joined`
 * says the account is a member already (made by the invitation), else it still has to accept.
 */
export function signInViews(invitation, next) {
  /**
   * Signs in with the invited address, then goes `next`. Answers undefined when it moved on,
   * `wrong-password`, or a problem to show.
   */
  async function signIn(password, joined) {
    const res = await call('POST', '/auth/sign-in/email', { email: invitation.email, password })
    if (res.status === 200 && res.body.twoFactorRedirect) return twoFactor(joined)
    if (res.status === 200) return next(joined)
    return res.status === 401 ? 'wrong-password' : commonProblem(res)
  }

  /** An account with the invited address exists (or was just made): sign in to it. */
  function existingAccount({ joined = false } = {}) {
    const email = field({
      label: t('邮箱', 'E-mail'),
      type: 'email',
      value: invitation.email,
      readOnly: true,
      autocomplete: 'username',
    })
    const password = field({
      label: t('密码', 'Password'),
      type: 'password',
      autocomplete: 'current-password',
      required: true,
    })
    const studio = invitation.studio.name
    const lead = joined
      ? el(
          'p',
          {},
          t(
            `你的账户已创建，你已是 ${studio} 的成员。请登录以继续。`,
            `Your account is ready and you are a member of ${studio}. Sign in to continue.`,
          ),
        )
      : el(
          'p',
          {},
          ...(zh
            ? [
                '已有使用 ',
                address(invitation.email),
                ' 的账户。请输入该账户的密码，登录后即可加入。',
              ]
            : [
                'An account with ',
                address(invitation.email),
                ' already exists. Enter its password to sign in and join.',
              ]),
        )
    show(
      joined
        ? t('登录', 'Sign in')
        : t(`用已有账户加入 ${studio}`, `Join ${studio} with your account`),
      [
        lead,
        form({
          fields: [email, password],
          extra: [
            el(
              'p',
              { class: 'hint' },
              t(
                '忘记密码？请工作室的所有者为你生成密码重置链接。',
                "Forgot the password? Ask the studio's owner for a password-reset link.",
              ),
            ),
          ],
          submit: joined ? t('登录', 'Sign in') : t('登录并加入', 'Sign in and join'),
          busy: t('正在登录…', 'Signing in…'),
          async onSubmit() {
            if (!password.input.value) {
              password.setError(t('请输入密码。', 'Enter your password.'))
              return void password.input.focus()
            }
            const problem = await signIn(password.input.value, joined)
            if (problem !== 'wrong-password') return problem
            password.setError(t('密码不正确。', 'That password is not right.'))
            password.input.focus()
          },
        }),
      ],
    )
  }

  /** Two-factor is on for the account: the code from the authenticator app. */
  function twoFactor(joined) {
    const code = field({
      label: t('验证码', 'Code'),
      hint: t('身份验证器应用中显示的 6 位数字。', 'The 6 digits your authenticator app shows.'),
      type: 'text',
      inputMode: 'numeric',
      autocomplete: 'one-time-code',
      required: true,
      maxLength: 6,
    })
    show(t('两步验证', 'Two-step verification'), [
      form({
        fields: [code],
        submit: t('验证', 'Verify'),
        busy: t('正在验证…', 'Verifying…'),
        async onSubmit() {
          const value = code.input.value.replace(/\s+/g, '')
          const res = /^\d{6}$/.test(value)
            ? await call('POST', '/auth/two-factor/verify-totp', { code: value })
            : { status: 401, body: {} }
          if (res.status === 200) return next(joined)
          if (res.status === 400 || res.status === 401) {
            code.setError(t('验证码不正确，请再试一次。', 'That code is not right; try again.'))
            return void code.input.focus()
          }
          return commonProblem(res)
        },
      }),
    ])
  }

  return { signIn, existingAccount }
}
