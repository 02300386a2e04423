import { verifyReceipt } from '@atelier/core'
import { afterAll, describe, expect, test } from 'vitest'
import { liveText, shadowText } from '../../test/browser.js'
import { axe, type Harness, screenshot } from '../../test/harness.js'
import { png } from '../../test/png.js'
import { projectAt, projectWithQuote, type SeededStudio } from '../../test/seed.js'
import { decided, fillDecision, linkOpener } from '../../test/signoff-page.js'
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

describe('deciding', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    const t = signoffMessages[lang]
    test(`approve (${lang}): files, sha256, then a receipt that verifies`, async () => {
      const p = await projectAt(h.atelier, s, 'proposal')
      const page = await openLink(p.signoffToken!, lang)
      await page.locator(el).getByRole('heading', { name: t.purpose.proposal }).waitFor()
      const text = await shadowText(page, el)
      expect(text).toContain('concept-a.png')
      expect(text).toContain('请查看两版方案中的 A 方案。')
      const { signoff } = await h.atelier.signoffs.open(p.signoffToken!, { log: false })
      const sha = signoff.files[0]!.sha256
      expect(text).toContain(`${sha.slice(0, 8)}…${sha.slice(-4)}`)
      const preview = page.locator(`${el} [part=preview] img`)
      await preview.waitFor()
      expect(await preview.getAttribute('src')).toMatch(/^blob:/)
      expect(await axe(page)).toEqual([])
      shots.push(await screenshot(page, `signoff-open-${lang === 'en' ? 'en' : 'zh'}`))

      const event = decided(page)
      await fillDecision(page, lang, 'approved')
      await page.locator(el).getByRole('button', { name: t.submit.approved }).click()
      const detail = await event
      expect(detail.signoff.status).toBe('approved')
      await page.locator(`${el} .verify.valid`).waitFor()
      expect(await liveText(page, el)).toBe(t.result.approved[0])
      const shown = await shadowText(page, el)
      expect(shown).toContain(detail.receipt!.id)
      expect(shown).toContain(`atelier verify receipt.json concept-a.png`)
      expect(shown).toContain(`/v1/receipts/${detail.receipt!.id}`)
      expect(await axe(page)).toEqual([])
      shots.push(await screenshot(page, `signoff-approved-${lang === 'en' ? 'en' : 'zh'}`))

      // The receipt the signer got verifies against the studio's published keys and the file.
      const res = await fetch(`${h.url}/v1/receipts/${detail.receipt!.id}`)
      const { publicKeys, verification } = (await res.json()) as {
        publicKeys: { keyId: string; publicKey: string }[]
        verification: { valid: boolean }
      }
      expect(verification.valid).toBe(true)
      const file = await fetch(`${h.url}/v1/signoff/files/${signoff.files[0]!.deliverableId}/1`, {
        headers: { authorization: `Bearer ${p.signoffToken}` },
      })
      const bytes = new Uint8Array(await file.arrayBuffer())
      const check = await verifyReceipt(detail.receipt, publicKeys, [bytes])
      expect(check.valid).toBe(true)
      expect(check.files.every((f) => f.matched)).toBe(true)

      // The downloaded receipt.json is the same signed document.
      const download = page.waitForEvent('download')
      await page.locator(el).getByRole('button', { name: t.downloadReceipt }).click()
      const saved = await download
      expect(saved.suggestedFilename()).toBe('receipt.json')
      const { readFile } = await import('node:fs/promises')
      const json = JSON.parse(await readFile((await saved.path())!, 'utf8'))
      expect((await verifyReceipt(json, publicKeys)).valid).toBe(true)
    })
  }

  test('request changes with two changes pinned by clicking the image preview', async () => {
    const p = await projectAt(h.atelier, s, 'confirmation')
    const page = await openLink(p.signoffToken!, 'en')
    const t = signoffMessages.en
    await page.locator(el).getByRole('heading', { name: t.purpose.final }).waitFor()
    await fillDecision(page, 'en', 'changes_requested')
    const target = page.locator(el).getByRole('button', { name: /Pin a change on logo-v1\.png/ })
    await target.locator('img').waitFor()
    const box = (await target.locator('img').boundingBox())!
    await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.5)
    await page.locator(el).getByLabel('Change 1').fill('标志再大一点 — logo bigger')
    await page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.2)
    await page.locator(el).getByLabel('Change 2').fill('Darker green here')
    expect(await page.locator(`${el} [part=pin]`).count()).toBe(2)
    expect(await axe(page)).toEqual([])
    shots.push(await screenshot(page, 'signoff-pins-en'))
    const event = decided(page)
    await page.locator(el).getByRole('button', { name: t.submit.changes_requested }).click()
    expect((await event).signoff.status).toBe('changes_requested')
    await page.locator(`${el} [data-state=result-changes_requested]`).waitFor()
    expect(await axe(page)).toEqual([])
    shots.push(await screenshot(page, 'signoff-changes-sent-en'))
    const [round] = await h.atelier.revisions.list(s.scope, p.id)
    expect(round!.items.map((i) => i.text)).toEqual([
      '标志再大一点 — logo bigger',
      'Darker green here',
    ])
    expect(round!.items[0]!.file).toEqual({ deliverableId: p.logoId, version: 1 })
    expect(round!.items[0]!.pin!.x).toBeCloseTo(0.25, 1)
    expect(round!.items[0]!.pin!.y).toBeCloseTo(0.5, 1)
    expect(round!.items[1]!.pin!.x).toBeCloseTo(0.75, 1)
    expect(round!.items[1]!.pin!.y).toBeCloseTo(0.2, 1)
  })

  test('pins by keyboard: Enter pins the centre, arrow keys move it', async () => {
    const p = await projectAt(h.atelier, s, 'confirmation')
    const page = await openLink(p.signoffToken!, 'en')
    await fillDecision(page, 'en', 'changes_requested')
    const target = page.locator(el).getByRole('button', { name: /Pin a change on logo-v1\.png/ })
    await target.locator('img').waitFor()
    await target.focus()
    await page.keyboard.press('Enter')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowUp')
    await page.locator(el).getByLabel('Change 1').fill('keyboard pin')
    await page.locator(el).getByRole('button', { name: 'Send changes' }).click()
    await page.locator(`${el} [data-state=result-changes_requested]`).waitFor()
    const [round] = await h.atelier.revisions.list(s.scope, p.id)
    expect(round!.items[0]!.pin).toEqual({ x: 0.6, y: 0.45 })
  })

  test('decline needs a reason, then is recorded with it', async () => {
    const p = await projectAt(h.atelier, s, 'proposal')
    const page = await openLink(p.signoffToken!)
    const t = signoffMessages['zh-CN']
    await fillDecision(page, 'zh-CN', 'declined')
    await page.locator(el).getByRole('button', { name: t.submit.declined }).click()
    await page.locator(el).getByRole('alert').filter({ hasText: t.errors.comment }).waitFor()
    expect(await axe(page)).toEqual([])
    await page.locator(el).getByLabel(t.comment.declined).fill('方向不对，想再看一版')
    await page.locator(el).getByRole('button', { name: t.submit.declined }).click()
    await page.locator(`${el} [data-state=result-declined]`).waitFor()
    expect(await axe(page)).toEqual([])
    shots.push(await screenshot(page, 'signoff-declined-zh'))
    const { signoff } = await h.atelier.signoffs.open(p.signoffToken!, { log: false })
    expect(signoff.decision).toMatchObject({
      outcome: 'declined',
      name: '李明',
      comment: '方向不对，想再看一版',
    })
  })

  test('a double click sends the decision once', async () => {
    const p = await projectAt(h.atelier, s, 'proposal')
    const page = await openLink(p.signoffToken!, 'en')
    await fillDecision(page, 'en', 'approved')
    const before = h.requests.filter((r) => r.path === '/v1/signoff/decision').length
    await page.locator(el).getByRole('button', { name: 'Approve and sign' }).dblclick()
    await page.locator(`${el} .verify.valid`).waitFor()
    const posts = h.requests.filter((r) => r.path === '/v1/signoff/decision')
    expect(posts.length - before).toBe(1)
    const audit = await h.atelier.audit.list(s.scope, p.id)
    expect(audit.filter((e) => e.action === 'signoff.decided')).toHaveLength(1)
  })
})

describe('what is being approved', () => {
  test('a change order shows the quote: scope, time and fee', async () => {
    const p = await projectWithQuote(h.atelier, s)
    const page = await openLink(p.signoffToken!, 'en')
    const quote = page.locator(`${el} [part=quote]`)
    await quote.waitFor()
    const text = (await quote.textContent())!.replace(/\s+/g, ' ')
    expect(text).toContain('横版标志一套')
    expect(text).toContain('3 days')
    expect(text).toContain('CN¥1,200.00')
    expect(await axe(page)).toEqual([])
    shots.push(await screenshot(page, 'signoff-change-order-en'))
  })

  test("the next review shows the round's resolution map", async () => {
    const p = await projectAt(h.atelier, s, 'revision')
    let [round] = await h.atelier.revisions.list(s.scope, p.id)
    await h.atelier.deliverables.addVersion(
      s.scope,
      { deliverableId: p.logoId!, filename: 'logo-v2.png', mediaType: 'image/png' },
      png([30, 90, 50], 2),
    )
    round = await h.atelier.revisions.resolveItem(s.scope, {
      roundId: round!.id,
      version: round!.version!,
      itemId: round!.items[0]!.id,
      status: 'addressed',
      note: '主色改为 #2E6B3F',
      inVersion: { deliverableId: p.logoId!, version: 2 },
    })
    round = await h.atelier.revisions.resolveItem(s.scope, {
      roundId: round.id,
      version: round.version!,
      itemId: round.items[1]!.id,
      status: 'declined',
      note: '字距已是规范值',
    })
    const project = await h.atelier.projects.get(s.scope, p.id)
    const review = await h.atelier.projects.submitForReview(s.scope, {
      id: p.id,
      version: project.version,
    })
    for (const lang of ['zh-CN', 'en'] as const) {
      const page = await openLink(review.token, lang)
      const map = page.locator(`${el} [part=resolutions]`)
      await map.waitFor()
      const text = (await map.textContent())!.replace(/\s+/g, ' ')
      expect(text).toContain(
        lang === 'en'
          ? 'Round 1: 1/2 changes made, 1 declined with reason'
          : '第 1 轮修订：已修改 1/2 项，1 项不修改（附原因）',
      )
      expect(text).toContain('主色改为 #2E6B3F')
      expect(text).toContain('字距已是规范值')
      expect(await axe(page)).toEqual([])
      shots.push(await screenshot(page, `signoff-resolutions-${lang === 'en' ? 'en' : 'zh'}`))
    }
  })

  test('an nda project shows its codename to the signer, never the title or client', async () => {
    const p = await projectAt(h.atelier, s, 'proposal', {
      confidentiality: 'nda',
      title: 'Secret 新品 launch',
    })
    const page = await openLink(p.signoffToken!, 'en')
    await page.locator(el).getByRole('heading', { name: 'Creative proposal' }).waitFor()
    const text = await shadowText(page, el)
    // Who asks is the studio, by name; what is asked about, by codename.
    expect(text).toContain('Studio 山海 Shanhai · Project: Jade Heron')
    expect(text).not.toContain('Secret')
    expect(text).not.toContain('李明')
  })
})
