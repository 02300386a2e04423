import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AccountServer,
  enableTwoFactor,
  startAccountServer,
  totpCode,
} from './account-support.js'
import { launchChromium } from './e2e-support.js'

let browser: Browser
let server: AccountServer
beforeAll(async () => {
  ;[browser, server] = await Promise.all([launchChromium(), startAccountServer('Studio 山海')])
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const PASSWORD = 'a long enough password'

let contexts = 0

/** A fresh browser (no cookies) in a language; every request it makes, with its body. */
async function open(locale: 'en' | 'zh-CN') {
  const context = await browser.newContext({
    locale,
    extraHTTPHeaders: { 'X-Test-Ip': `10.2.0.${++contexts}` },
  })
  const page = await context.newPage()
  const requests: { url: string; body: string }[] = []
  const errors: string[] = []
  page.on('request', (r) => requests.push({ url: r.url(), body: r.postData() ?? '' }))
  page.on('pageerror', (e) => errors.push(e.message))
  return { page, requests, errors, close: () => context.close() }
}

/** `/v1/me` as the page's own script would call it: status and body. */
const me = (page: Page) =>
  page.evaluate(async () => {
    const res = await fetch('/v1/me')
    return { status: res.status, body: await res.json() }
  })

/** The label of each control that Tab reaches, in order, from the top of the page. */
async function tabOrder(page: Page, count: number): Promise<string[]> {
  const names: string[] = []
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Tab')
    names.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement
        return (el.labels?.[0]?.textContent ?? el.textContent ?? '').trim()
      }),
    )
  }
  return names
}

describe('the /join page in Chromium', () => {
  it('previews the invitation, makes the account by keyboard alone, and ends signed in', async () => {
    const link = await server.invite('ana@studio.example', 'designer', 'Ana Lima')
    const token = new URL(link).hash.slice('#t='.length)
    const { page, requests, errors, close } = await open('en')
    try {
      await page.goto(link)
      await page.getByRole('heading', { name: 'Join Studio 山海' }).waitFor()
      await expect(page.locator('main').textContent()).resolves.toContain(
        'Studio 山海 invites you (ana@studio.example) to join as designer.',
      )
      // The token left the address bar (and history) once read.
      expect(page.url()).toBe(`${server.url}/join`)
      await expect(page.getByLabel('Your name').inputValue()).resolves.toBe('Ana Lima')
      await expect(page.getByLabel('E-mail').getAttribute('autocomplete')).resolves.toBe('username')
      await expect(page.getByLabel('Choose a password').getAttribute('autocomplete')).resolves.toBe(
        'new-password',
      )
      expect(await tabOrder(page, 5)).toEqual([
        'E-mail',
        'Your name',
        'Choose a password',
        'Show password',
        'Create account and join',
      ])

      // Too short: the error is next to the field, tied to it, and the field has focus.
      await page.getByLabel('Choose a password').focus()
      await page.keyboard.type('short')
      await page.keyboard.press('Enter')
      const password = page.getByLabel('Choose a password')
      await expect(password.getAttribute('aria-invalid')).resolves.toBe('true')
      const described = (await password.getAttribute('aria-describedby'))!.split(' ')[0]!
      await expect(page.locator(`#${described}`).textContent()).resolves.toBe(
        'The password needs at least 10 characters.',
      )
      expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe(
        'password',
      )

      // The server cannot be reached: the form says so and keeps what was typed.
      await page.context().setOffline(true)
      await password.fill(PASSWORD)
      await page.keyboard.press('Enter')
      await expect(page.getByRole('alert').textContent()).resolves.toContain(
        'Could not reach the server.',
      )
      await page.context().setOffline(false)

      await page.keyboard.press('Enter')
      await page.getByRole('heading', { name: 'You have joined Studio 山海' }).waitFor()
      await expect(page.locator('main').textContent()).resolves.toContain(
        'You are a designer of Studio 山海, signed in as ana@studio.example.',
      )
      const answer = await me(page)
      expect(answer.status).toBe(200)
      expect(answer.body.user).toMatchObject({ email: 'ana@studio.example', name: 'Ana Lima' })
      expect(answer.body.memberships).toMatchObject([
        { studio: { name: 'Studio 山海' }, member: { role: 'designer' } },
      ])

      // The token went only into the bodies of the invitation requests.
      const carrying = requests.filter((r) => r.url.includes(token) || r.body.includes(token))
      expect(carrying.map((r) => new URL(r.url).pathname)).toEqual([
        '/v1/invitations/preview',
        '/v1/invitations/accept',
        '/v1/invitations/accept',
      ])
      expect(carrying.every((r) => !r.url.includes(token))).toBe(true)
      expect(server.lines.join('\n')).not.toContain(token.slice(7))
      expect(errors).toEqual([])
    } finally {
      await close()
    }

    // The same link again, in another browser: used, and the page says what to do.
    const again = await open('en')
    try {
      await again.page.goto(link)
      await again.page.getByRole('heading', { name: 'This invitation cannot be used' }).waitFor()
      await expect(again.page.locator('main').textContent()).resolves.toContain(
        'already been used. If you still need to join, ask the studio for a new link.',
      )
    } finally {
      await again.close()
    }
  })

  it('in Chinese: an existing account signs in (a wrong password said at the field) and joins', async () => {
    await server.auth.createAccount({ email: 'bo@studio.example', name: '薄', password: PASSWORD })
    const link = await server.invite('bo@studio.example', 'manager')
    const { page, errors, close } = await open('zh-CN')
    try {
      await page.goto(link)
      await page.getByRole('heading', { name: '加入 Studio 山海' }).waitFor()
      await expect(page.locator('main').textContent()).resolves.toContain(
        'Studio 山海 邀请你（bo@studio.example）以管理者身份加入。',
      )
      await page.getByLabel('你的名字').fill('薄一')
      await page.getByLabel('设置密码').fill('another long password')
      await page.getByRole('button', { name: '创建账户并加入' }).click()
      await page.getByRole('heading', { name: '用已有账户加入 Studio 山海' }).waitFor()
      await expect(page.getByLabel('邮箱').inputValue()).resolves.toBe('bo@studio.example')
      await expect(page.getByLabel('密码').getAttribute('autocomplete')).resolves.toBe(
        'current-password',
      )
      await page.getByLabel('密码').fill('not the password')
      await page.getByRole('button', { name: '登录并加入' }).click()
      await page.getByText('密码不正确。').waitFor()
      await expect(page.getByLabel('密码').getAttribute('aria-invalid')).resolves.toBe('true')
      await page.getByLabel('密码').fill(PASSWORD)
      await page.getByRole('button', { name: '登录并加入' }).click()
      await page.getByRole('heading', { name: '你已加入 Studio 山海' }).waitFor()
      const answer = await me(page)
      expect(answer.status).toBe(200)
      expect(answer.body.memberships).toMatchObject([{ member: { role: 'manager' } }])
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  it('with two-factor on, asks for the code after the password, then joins', async () => {
    const email = 'dee@studio.example'
    await server.auth.createAccount({ email, name: 'Dee', password: PASSWORD })
    const uri = await enableTwoFactor(server.url, email, PASSWORD)
    const link = await server.invite(email, 'viewer')
    const { page, errors, close } = await open('en')
    try {
      await page.goto(link)
      await page.getByLabel('Your name').fill('Dee')
      await page.getByLabel('Choose a password').fill('whatever password')
      await page.getByRole('button', { name: 'Create account and join' }).click()
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
      await page.getByRole('button', { name: 'Sign in and join' }).click()
      await page.getByRole('heading', { name: 'Two-step verification' }).waitFor()
      const code = page.getByLabel('Code')
      await expect(code.getAttribute('autocomplete')).resolves.toBe('one-time-code')
      await code.fill(totpCode(uri) === '000000' ? '111111' : '000000')
      await page.keyboard.press('Enter')
      await page.getByText('That code is not right; try again.').waitFor()
      await code.fill(totpCode(uri))
      await page.keyboard.press('Enter')
      await page.getByRole('heading', { name: 'You have joined Studio 山海' }).waitFor()
      const answer = await me(page)
      expect(answer.status).toBe(200)
      expect(answer.body.memberships).toMatchObject([{ member: { role: 'viewer' } }])
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  it('says a link is not known, or incomplete', async () => {
    const { page, close } = await open('en')
    try {
      await page.goto(`${server.url}/join#t=atl_iv_${'A'.repeat(43)}`)
      await page.getByRole('heading', { name: 'This invitation cannot be used' }).waitFor()
      await expect(page.locator('main').textContent()).resolves.toContain(
        'This invitation link is not known.',
      )
      await page.goto(`${server.url}/join`)
      await page.getByRole('heading', { name: 'This link is incomplete' }).waitFor()
    } finally {
      await close()
    }
  })
})

describe('the /reset page in Chromium', () => {
  it('sets a new password once; the old one stops working, the link too', async () => {
    const email = 'cy@studio.example'
    await server.auth.createAccount({ email, name: 'Cy', password: PASSWORD })
    const link = (await server.auth.resetLink(email))!
    expect(link).toMatch(new RegExp(`^${server.url}/reset#t=`))
    const token = new URL(link).hash.slice('#t='.length)
    const { page, errors, close } = await open('en')
    try {
      await page.goto(link)
      await page.getByRole('heading', { name: 'Set a new password' }).waitFor()
      expect(page.url()).toBe(`${server.url}/reset`)
      await expect(
        page.getByLabel('New password', { exact: true }).getAttribute('autocomplete'),
      ).resolves.toBe('new-password')
      await page.getByLabel('New password', { exact: true }).fill('the new password!')
      await page.getByLabel('New password again').fill('the new password?')
      await page.getByRole('button', { name: 'Save the new password' }).click()
      await page.getByText('The two passwords do not match.').waitFor()
      await page.getByLabel('New password again').fill('the new password!')
      await page.getByRole('button', { name: 'Save the new password' }).click()
      await page.getByRole('heading', { name: 'Your password has been changed' }).waitFor()
      const signIn = (password: string) =>
        page.evaluate(
          async (body) =>
            (
              await fetch('/auth/sign-in/email', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify(body),
              })
            ).status,
          { email, password },
        )
      expect(await signIn(PASSWORD)).toBe(401)
      expect(await signIn('the new password!')).toBe(200)
      expect((await me(page)).status).toBe(200)

      // The same tab, the link again: only the fragment changes, and the page starts over.
      await page.goto(link)
      await page.getByLabel('New password', { exact: true }).fill('a third password')
      await page.getByLabel('New password again').fill('a third password')
      await page.getByRole('button', { name: 'Save the new password' }).click()
      await page.getByRole('heading', { name: 'This link no longer works' }).waitFor()
      expect(server.lines.join('\n')).not.toContain(token)
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })
})
