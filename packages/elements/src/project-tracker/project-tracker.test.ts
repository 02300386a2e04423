import type { ProjectStage, ProjectView } from '@atelier/core'
import { stages as coreStages } from '@atelier/core/rules'
import type { Browser } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { inParallel, openPage, shadowText, tracker } from '../../test/browser.js'
import { axe, type Harness, screenshot } from '../../test/harness.js'
import { projectAt, type SeededStudio } from '../../test/seed.js'
import { browserSuite } from '../../test/suite.js'
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

browserSuite(async (suite) => {
  ;({ h, browser, s } = suite)
  for (const stage of all) projects[stage] = (await projectAt(h.atelier, s, stage)).id
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
