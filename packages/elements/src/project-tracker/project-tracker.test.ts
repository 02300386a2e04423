import { readFile } from 'node:fs/promises'
import { stages as coreStages, type ProjectStage, type ProjectView } from '@atelier/core'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest'
import { closeAll, liveText, openPage, shadowText } from '../../test/browser.js'
import { axe, type Harness, launchChromium, screenshot, startHarness } from '../../test/harness.js'
import { projectAt, projectWithQuote, type SeededStudio, seedStudio } from '../../test/seed.js'
import { trackerMessages } from './parts/messages.js'

let h: Harness
let browser: Browser
let s: SeededStudio
const projects = {} as Record<ProjectStage, string>
const all: ProjectStage[] = [
  'requirements',
  'research',
  'proposal',
  'production',
  'revision',
  'confirmation',
  'delivery',
  'aftercare',
  'closed',
  'cancelled',
]

beforeAll(async () => {
  ;[h, browser] = await Promise.all([startHarness(inject('cdnDir')), launchChromium()])
  s = await seedStudio(h.atelier)
  for (const stage of all) projects[stage] = (await projectAt(h.atelier, s, stage)).id
})
afterEach(closeAll)
afterAll(async () => {
  await browser?.close()
  await h?.close()
})

/** Runs `fn` over `items`, three at a time (one browser, several pages). */
async function inParallel<T>(items: T[], fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items]
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item)
    }),
  )
}

const tracker = (attrs: string, lang?: string) => ({
  body: `<project-tracker ${attrs}></project-tracker>`,
  bundle: 'project-tracker' as const,
  ...(lang && { lang }),
})

/** What the client's projection says, through the real API. */
async function clientView(id: string, token = s.token): Promise<ProjectView> {
  const res = await fetch(`${h.url}/v1/client/projects/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  return (await res.json()) as ProjectView
}

describe('every stage, both languages', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    test(`renders all ten states of a project in ${lang}`, async () => {
      const t = trackerMessages[lang]
      await inParallel(all, async (stage) => {
        const page = await openPage(
          browser,
          h,
          tracker(`project="${projects[stage]}" token="${s.token}"`, lang),
        )
        await page.locator('project-tracker h2').waitFor()
        const text = await shadowText(page, 'project-tracker')
        expect(text).toContain('青禾茶饮 brand identity')
        expect(text).toContain(t.stageNow.replace('{stage}', t.stages[stage]))
        for (const key of Object.keys(coreStages))
          expect(text).toContain(t.stages[key as 'research'])
        const current = page.locator('project-tracker [aria-current=step] .label')
        if (stage === 'closed' || stage === 'cancelled') {
          expect(await current.count()).toBe(0)
          expect(text).toContain(t.terminal[stage])
        } else {
          expect(await current.textContent()).toBe(t.stages[stage])
        }
        const done = page.locator('project-tracker .stage.done')
        const view = await clientView(projects[stage])
        expect(await done.count()).toBe(view.stages!.filter((x) => x.status === 'done').length)
        for (const d of await done.all()) {
          expect(await d.locator('.when').textContent()).toMatch(/2\d{3}|\d{4}/)
        }
        if (stage === 'requirements') expect(text).toContain(t.briefMissing)
        if (stage === 'proposal' || stage === 'confirmation') {
          const purpose = stage === 'proposal' ? t.purpose.proposal : t.purpose.final
          expect(text).toContain(purpose)
          await page.getByRole('button', { name: `${t.open}: ${purpose}` }).waitFor()
        }
        if (stage === 'revision') {
          expect(text).toContain(t.round.replace('{n}', '1'))
          expect(text).toContain(t.roundStatus.open)
        }
        if (stage === 'aftercare')
          expect(text).toMatch(lang === 'en' ? /30 days of warranty left/ : /保修期还剩 30天/)
        if (stage === 'aftercare') expect(text).toContain('full rights')
        expect(await axe(page), `${stage} ${lang}`).toEqual([])
        expect(page.errors).toEqual([])
        await page.context().close()
      })
    })
  }
})

describe('states', () => {
  const cases: [string, string, 'zh-CN' | 'en'][] = [
    ['zh-CN', 'zh', 'zh-CN'],
    ['en', 'en', 'en'],
  ]
  for (const [lang, suffix] of cases) {
    const t = trackerMessages[lang as 'en']
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
    expect(await liveText(page, 'project-tracker')).toBe(trackerMessages.en.pages.offline![0])
    expect(await shadowText(page, 'project-tracker')).toContain('Logo 标志')
  })
})

describe('access and confidentiality', () => {
  test("another client's token shows not found for this project, never its data", async () => {
    const page = await openPage(
      browser,
      h,
      tracker(`project="${projects.proposal}" token="${s.otherToken}"`),
    )
    await page.locator('project-tracker [data-state=not_found]').waitFor()
    const text = await shadowText(page, 'project-tracker')
    expect(text).not.toContain('青禾')
    expect(text).not.toContain('Concept')
    // And this client's token on the other client's project.
    const theirs = await openPage(
      browser,
      h,
      tracker(`project="${s.otherProjectId}" token="${s.token}"`),
    )
    await theirs.locator('project-tracker [data-state=not_found]').waitFor()
    expect(await shadowText(theirs, 'project-tracker')).not.toContain('secret rebrand')
  })

  test('a strict project shows its codename and nothing the projection withholds', async () => {
    const p = await projectAt(h.atelier, s, 'production', {
      confidentiality: 'strict',
      title: '新品包装 confidential launch',
    })
    await h.atelier.projects.addNote(s.scope, {
      projectId: p.id,
      text: 'INTERNAL margin note',
      visibility: 'internal',
    })
    await h.atelier.projects.addNote(s.scope, {
      projectId: p.id,
      text: '样稿已寄出',
      visibility: 'client',
    })
    const hidden = await h.atelier.deliverables.create(s.scope, {
      projectId: p.id,
      kind: 'source',
      title: 'INTERNAL working file',
      visibility: 'internal',
    })
    await h.atelier.deliverables.addVersion(
      s.scope,
      { deliverableId: hidden.id, filename: 'working.ai', mediaType: 'application/postscript' },
      new TextEncoder().encode('internal'),
    )
    const view = await clientView(p.id)
    expect(JSON.stringify(view)).not.toContain('INTERNAL')
    const page = await openPage(browser, h, tracker(`project="${p.id}" token="${s.token}"`, 'en'))
    await page.locator('project-tracker h2').waitFor()
    await page
      .locator('project-tracker')
      .getByRole('button', { name: /Show all/ })
      .click()
    const text = await shadowText(page, 'project-tracker')
    expect(text).toContain('Codename Jade Heron')
    expect(text).toContain('Strictly confidential')
    expect(text).toContain('样稿已寄出')
    expect(text).not.toContain('INTERNAL')
    expect(await axe(page)).toEqual([])
  })
})

describe('list, access links and language', () => {
  test("without a project it lists the client's projects; choosing one opens it", async () => {
    const page = await openPage(browser, h, tracker(`token="${s.token}"`, 'en'))
    await page.locator('project-tracker').getByRole('heading', { name: 'Your projects' }).waitFor()
    const items = page.locator('project-tracker [part~=project]')
    expect(await items.count()).toBeGreaterThanOrEqual(all.length)
    expect(await axe(page)).toEqual([])
    await screenshot(page, 'tracker-list-en')
    const name = (await items.first().locator('strong').textContent()) ?? ''
    await items.first().click()
    await page.locator('project-tracker h2').filter({ hasText: name }).waitFor()
    await page
      .locator('project-tracker')
      .getByRole('button', { name: /All projects/ })
      .click()
    await page.locator('project-tracker').getByRole('heading', { name: 'Your projects' }).waitFor()
  })

  test('an access link /track#t=… reads the token from the fragment; the server never sees it in a URL', async () => {
    const lone = await h.atelier.clients.create(s.scope, { name: 'Solo 客户' })
    const { token } = await h.atelier.credentials.issueClientToken(s.scope, {
      clientId: lone.id,
      kind: 'access_link',
    })
    await h.atelier.projects.create(s.scope, { clientId: lone.id, title: 'Solo poster 海报' })
    const before = h.requests.length
    const page = await openPage(browser, h, `${h.url}/track#t=${token}`)
    await page.locator('project-tracker [part~=project]').filter({ hasText: 'Solo poster' }).click()
    await page.locator('project-tracker h2').filter({ hasText: 'Solo poster' }).waitFor()
    expect(h.requests.slice(before).every((r) => !r.path.includes('atl_'))).toBe(true)
  })

  test('token-from="query" reads t from the query string', async () => {
    const url = h.page(tracker(`token-from="query" project="${projects.research}"`, 'en'))
    const page = await openPage(browser, h, `${url}?t=${s.token}`)
    await page.locator('project-tracker h2').waitFor()
  })

  test('language: own lang, else the closest [lang] ancestor, else zh-CN; changing lang re-renders', async () => {
    const page = await openPage(browser, h, {
      body: `<div lang="en"><project-tracker id="a" project="${projects.research}" token="${s.token}"></project-tracker></div>
        <project-tracker id="b" project="${projects.research}" token="${s.token}"></project-tracker>`,
      bundle: 'project-tracker',
      lang: 'fr',
    })
    await page.locator('#a h2').waitFor()
    await page.locator('#b h2').waitFor()
    expect(await shadowText(page, '#a')).toContain('Market research')
    expect(await shadowText(page, '#b')).toContain('市场调研')
    await page.locator('#b').evaluate((el) => el.setAttribute('lang', 'en-GB'))
    await expect.poll(() => shadowText(page, '#b')).toContain('Now: Market research')
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

test('data is rendered as text, never as markup', async () => {
  const evil = '<img src=x onerror="window.pwned=1"><b>bold</b>'
  const p = await projectAt(h.atelier, s, 'production', { title: evil })
  await h.atelier.projects.addNote(s.scope, { projectId: p.id, text: evil, visibility: 'client' })
  const page = await openPage(browser, h, tracker(`project="${p.id}" token="${s.token}"`, 'en'))
  await page.locator('project-tracker h2').waitFor()
  expect(await page.locator('project-tracker h2').textContent()).toBe(evil)
  expect(await page.locator('project-tracker b').count()).toBe(0)
  expect(await page.locator('project-tracker img[src=x]').count()).toBe(0)
  expect(await page.evaluate(() => 'pwned' in window)).toBe(false)
})
