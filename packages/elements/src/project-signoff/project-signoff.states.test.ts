import type { Page } from 'playwright-core'
import { afterAll, describe, expect, test } from 'vitest'
import { liveText, shadowText } from '../../test/browser.js'
import { axe, type Harness, screenshot } from '../../test/harness.js'
import { png } from '../../test/png.js'
import { projectAt, type SeededStudio } from '../../test/seed.js'
import { fillDecision, linkOpener } from '../../test/signoff-page.js'
import { browserSuite } from '../../test/suite.js'
import { signoffMessages } from './parts/messages.js'

let h: Harness
let s: SeededStudio
const shots: string[] = []

let openLink: ReturnType<typeof linkOpener>

browserSuite((suite) => {
  ;({ h, s } = suite)
  openLink = linkOpener(suite.browser, h)
})
afterAll(() => console.log(`sign-off screenshots:\n${shots.join('\n')}`))

const el = 'project-signoff'

describe('links that cannot be decided', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    const t = signoffMessages[lang]
    const tag = lang === 'en' ? 'en' : 'zh'
    test(`expired, revoked, superseded, already decided and unknown (${lang})`, async () => {
      const check = async (page: Page, state: string, title: string) => {
        await page.locator(`${el} [data-state=${state}]`).waitFor()
        expect(await shadowText(page, el)).toContain(title)
        expect(await liveText(page, el)).toBe(title)
        expect(await axe(page), state).toEqual([])
        shots.push(await screenshot(page, `signoff-${state}-${tag}`))
      }
      const expiring = await projectAt(h.atelier, s, 'proposal')
      h.setClockOffset(15 * 86_400_000)
      try {
        await check(await openLink(expiring.signoffToken!, lang), 'expired', t.expired[0]!)
      } finally {
        h.setClockOffset(0)
      }

      const revoked = await projectAt(h.atelier, s, 'proposal')
      await h.atelier.signoffs.revoke(s.scope, revoked.signoffId!)
      await check(await openLink(revoked.signoffToken!, lang), 'revoked', t.revoked[0]!)

      const superseded = await projectAt(h.atelier, s, 'confirmation')
      await h.atelier.deliverables.addVersion(
        s.scope,
        { deliverableId: superseded.logoId!, filename: 'logo-v2.png', mediaType: 'image/png' },
        png([10, 10, 10], 5),
      )
      await check(await openLink(superseded.signoffToken!, lang), 'superseded', t.superseded[0]!)

      const done = await projectAt(h.atelier, s, 'proposal')
      await h.atelier.signoffs.decide(done.signoffToken!, { outcome: 'approved', name: '王小明' })
      const page = await openLink(done.signoffToken!, lang)
      await page.locator(`${el} [data-state=decided]`).waitFor()
      const text = await shadowText(page, el)
      expect(text).toContain(t.decided[0])
      expect(text).toContain('王小明')
      await page.locator(`${el} .verify.valid`).waitFor()
      expect(await axe(page)).toEqual([])
      shots.push(await screenshot(page, `signoff-decided-${tag}`))

      await check(
        await openLink('atl_so_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', lang),
        'not_found',
        t.notFound[0]!,
      )
    })
  }

  test('a decision made meanwhile elsewhere turns the form into the decided page', async () => {
    const p = await projectAt(h.atelier, s, 'proposal')
    const page = await openLink(p.signoffToken!, 'en')
    await fillDecision(page, 'en', 'approved', 'Someone')
    await h.atelier.signoffs.decide(p.signoffToken!, {
      outcome: 'declined',
      name: '李明',
      comment: 'no',
    })
    await page.locator(el).getByRole('button', { name: 'Approve and sign' }).click()
    await page.locator(`${el} [data-state=decided]`).waitFor()
    expect(await shadowText(page, el)).toContain('李明: Declined')
  })

  test('dark mode', async () => {
    const p = await projectAt(h.atelier, s, 'confirmation')
    const page = await openLink(p.signoffToken!, 'zh-CN', true)
    await page.locator(`${el} [part=preview] img`).first().waitFor()
    expect(await axe(page)).toEqual([])
    shots.push(await screenshot(page, 'signoff-open-zh-dark'))
  })
})
