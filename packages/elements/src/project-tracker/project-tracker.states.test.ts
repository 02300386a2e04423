import { readFile } from 'node:fs/promises'
import type { Browser } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { liveText, openPage, shadowText, tracker } from '../../test/browser.js'
import { axe, type Harness, screenshot } from '../../test/harness.js'
import { projectAt, projectWithQuote, type SeededStudio } from '../../test/seed.js'
import { browserSuite } from '../../test/suite.js'
import { trackerMessages } from './parts/messages.js'

let h: Harness
let browser: Browser
let s: SeededStudio
const projects = {} as Record<'proposal' | 'production' | 'aftercare', string>

browserSuite(async (suite) => {
  ;({ h, browser, s } = suite)
  for (const stage of ['proposal', 'production', 'aftercare'] as const) {
    projects[stage] = (await projectAt(h.atelier, s, stage)).id
  }
})

describe('states', () => {
  for (const [lang, suffix] of [
    ['zh-CN', 'zh'],
    ['en', 'en'],
  ] as const) {
    const t = trackerMessages[lang]
    test(`loading, expired link, not found, offline, no token and empty in ${lang}`, async () => {
      // Loading: hold the API answer back until the state is checked.
      let release: () => void = () => {}
      const held = new Promise<void>((r) => {
        release = r
      })
      const loading = await openPage(
        browser,
        h,
        tracker(`project="${projects.proposal}" token="${s.token}"`, lang),
        {
          before: (page) =>
            page.route('**/v1/**', async (route) => {
              await held
              await route.continue()
            }),
        },
      )
      await loading.locator('project-tracker [data-state=loading]').waitFor()
      expect(await liveText(loading, 'project-tracker')).toBe(t.loading)
      expect(await axe(loading)).toEqual([])
      await screenshot(loading, `tracker-loading-${suffix}`)
      release()
      await loading.locator('project-tracker h2').waitFor()

      // Expired or revoked access link: 401.
      const { clientToken, token } = await h.atelier.credentials.issueClientToken(s.scope, {
        clientId: s.clientId,
        kind: 'access_link',
      })
      await h.atelier.credentials.revokeClientToken(s.scope, clientToken.id)
      const expired = await openPage(
        browser,
        h,
        tracker(`project="${projects.proposal}" token="${token}"`, lang),
      )
      await expired.locator('project-tracker [data-state=unauthorized]').waitFor()
      expect(await shadowText(expired, 'project-tracker')).toContain(t.pages.unauthorized![0])
      expect(await axe(expired)).toEqual([])
      await screenshot(expired, `tracker-expired-${suffix}`)

      // Unknown project id: 404.
      const missing = await openPage(
        browser,
        h,
        tracker(`project="prj_00000000000000000000000000" token="${s.token}"`, lang),
      )
      await missing.locator('project-tracker [data-state=not_found]').waitFor()
      expect(await axe(missing)).toEqual([])
      await screenshot(missing, `tracker-not-found-${suffix}`)

      // Offline: the network does not answer; retrying once it is back shows the project.
      let offline = true
      const page = await openPage(
        browser,
        h,
        tracker(`project="${projects.proposal}" token="${s.token}"`, lang),
        {
          before: (p) =>
            p.route('**/v1/**', (route) =>
              offline ? route.abort('internetdisconnected') : route.continue(),
            ),
        },
      )
      await page.locator('project-tracker [data-state=offline]').waitFor()
      expect(await liveText(page, 'project-tracker')).toBe(t.pages.offline![0])
      expect(await axe(page)).toEqual([])
      await screenshot(page, `tracker-offline-${suffix}`)
      offline = false
      await page.locator('project-tracker').getByRole('button', { name: t.retry }).click()
      await page.locator('project-tracker h2').waitFor()

      // No token at all.
      const none = await openPage(browser, h, tracker(`project="${projects.proposal}"`, lang))
      await none.locator('project-tracker [data-state=no_token]').waitFor()
      expect(await shadowText(none, 'project-tracker')).toContain(t.pages.no_token![0])
      expect(await axe(none)).toEqual([])

      // A client without projects: the empty list.
      const lonely = await h.atelier.clients.create(s.scope, { name: '新客户' })
      const fresh = await h.atelier.credentials.issueClientToken(s.scope, { clientId: lonely.id })
      const empty = await openPage(browser, h, tracker(`token="${fresh.token}"`, lang))
      await empty.locator('project-tracker [data-state=empty]').waitFor()
      expect(await shadowText(empty, 'project-tracker')).toContain(t.pages.empty![0])
      expect(await axe(empty)).toEqual([])
      await screenshot(empty, `tracker-empty-${suffix}`)
    })
  }

  test('keeps showing what it loaded when the network drops, and says so', async () => {
    let offline = false
    const page = await openPage(
      browser,
      h,
      tracker(`project="${projects.production}" token="${s.token}"`, 'en'),
      {
        before: (p) =>
          p.route('**/v1/**', (route) =>
            offline ? route.abort('internetdisconnected') : route.continue(),
          ),
      },
    )
    await page.locator('project-tracker h2').waitFor()
    offline = true
    await page.evaluate(() =>
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true })),
    )
    await page.locator('project-tracker .banner').waitFor()
    expect(await axe(page)).toEqual([])
    expect(await liveText(page, 'project-tracker')).toBe(trackerMessages.en.pages.offline![0])
    expect(await shadowText(page, 'project-tracker')).toContain('Logo 标志')
  })
})

describe('files, refresh and events', () => {
  test('image thumbnails come through object URLs and downloads carry the token in a header', async () => {
    const page = await openPage(
      browser,
      h,
      tracker(`project="${projects.production}" token="${s.token}"`, 'en'),
    )
    const thumb = page.locator('project-tracker [part=thumbnail] img').first()
    await thumb.waitFor()
    expect(await thumb.getAttribute('src')).toMatch(/^blob:/)
    expect(await thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320)
    const download = page.waitForEvent('download')
    await page
      .locator('project-tracker')
      .getByRole('button', { name: 'Download logo-v1.png' })
      .click()
    const file = await download
    expect(file.suggestedFilename()).toBe('logo-v1.png')
    const bytes = await readFile((await file.path())!)
    expect([...bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47])
    expect(h.requests.some((r) => r.path.includes('atl_'))).toBe(false)
  })

  test('refreshes when the tab becomes visible again and announces the update', async () => {
    const p = await projectAt(h.atelier, s, 'production')
    const page = await openPage(browser, h, tracker(`project="${p.id}" token="${s.token}"`, 'en'))
    const loaded: string[] = []
    await page.exposeFunction('loaded', (id: string) => loaded.push(id))
    await page.evaluate(() =>
      document.addEventListener('atelier-project-loaded', (e) =>
        (window as unknown as { loaded(id: string): void }).loaded(e.detail.project.id),
      ),
    )
    await page.locator('project-tracker h2').waitFor()
    await h.atelier.projects.addNote(s.scope, {
      projectId: p.id,
      text: '色彩稿已更新',
      visibility: 'client',
    })
    await page.evaluate(() =>
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true })),
    )
    await page.locator('project-tracker').getByText('色彩稿已更新').waitFor()
    expect(await liveText(page, 'project-tracker')).toBe('Project updated')
    expect(loaded).toEqual([p.id])
  })

  test('opens a pending sign-off in a dialog, decides it as the client, then refreshes', async () => {
    const p = await projectAt(h.atelier, s, 'confirmation')
    const page = await openPage(browser, h, tracker(`project="${p.id}" token="${s.token}"`, 'en'))
    const opened = page.evaluate(
      () =>
        new Promise<string>((resolve) =>
          document.addEventListener('atelier-signoff-open', (e) => resolve(e.detail.signoffId)),
        ),
    )
    await page
      .locator('project-tracker')
      .getByRole('button', { name: 'Review: Final approval' })
      .click()
    expect(await opened).toBe(p.signoffId)
    const dialog = page.locator('project-tracker dialog')
    await dialog
      .locator('project-signoff')
      .getByRole('heading', { name: 'Final approval' })
      .waitFor()
    // The tracker bundle loaded the sign-off element from beside itself.
    expect(await page.evaluate(() => !!customElements.get('project-signoff'))).toBe(true)
    expect(await axe(page)).toEqual([])
    await dialog.getByLabel('Approve').check()
    await dialog.getByLabel('Type your full name to sign').fill('李明')
    await dialog.getByRole('button', { name: 'Approve and sign' }).click()
    await dialog.getByText('Signature verified').waitFor()
    await screenshot(page, 'tracker-dialog-receipt-en')
    await dialog.getByRole('button', { name: 'Close' }).click()
    await page
      .locator('project-tracker [aria-current=step] .label')
      .filter({ hasText: 'Delivery' })
      .waitFor()
    const decisions = h.requests.filter(
      (r) => r.path === `/v1/client/signoffs/${p.signoffId}/decision`,
    )
    expect(decisions).toHaveLength(1)
  })
})

describe('rounds and screenshots', () => {
  test('a billable round awaiting acceptance shows the quote and opens the change order', async () => {
    const p = await projectWithQuote(h.atelier, s)
    for (const lang of ['zh-CN', 'en'] as const) {
      const t = trackerMessages[lang]
      const page = await openPage(browser, h, tracker(`project="${p.id}" token="${s.token}"`, lang))
      await page.locator('project-tracker h2').waitFor()
      const text = await shadowText(page, 'project-tracker')
      expect(text).toContain(t.roundStatus.quoted)
      expect(text).toContain(lang === 'en' ? 'Quote: 3 days, CN¥1,200.00' : '报价：3天，¥1,200.00')
      expect(text).toContain(t.roundsUsed.replace('{used}', '1').replace('{included}', '0'))
      await page.locator('project-tracker').getByRole('button', { name: t.acceptQuote }).click()
      await page.locator('project-tracker dialog project-signoff [part=quote]').waitFor()
    }
  })

  test('screenshots: zh-CN and en, light and dark', async () => {
    const quoted = await projectWithQuote(h.atelier, s)
    const shots: string[] = []
    for (const [name, id] of [
      ['quote', quoted.id],
      ['aftercare', projects.aftercare],
    ] as const) {
      for (const lang of ['zh-CN', 'en'] as const) {
        for (const dark of [false, true]) {
          const page = await openPage(
            browser,
            h,
            tracker(`project="${id}" token="${s.token}"`, lang),
            {
              dark,
            },
          )
          await page.locator('project-tracker [part=thumbnail] img').first().waitFor()
          expect(await axe(page), `${name} ${lang} ${dark}`).toEqual([])
          shots.push(
            await screenshot(
              page,
              `tracker-${name}-${lang === 'en' ? 'en' : 'zh'}-${dark ? 'dark' : 'light'}`,
            ),
          )
        }
      }
    }
    const narrow = await openPage(
      browser,
      h,
      tracker(`project="${quoted.id}" token="${s.token}"`),
      {
        width: 390,
      },
    )
    await narrow.locator('project-tracker h2').waitFor()
    expect(await axe(narrow)).toEqual([])
    shots.push(await screenshot(narrow, 'tracker-quote-zh-phone'))
    console.log(`tracker screenshots:\n${shots.join('\n')}`)
  })
})
