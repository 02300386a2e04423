import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, servedPostgres } from './e2e-support.js'
import { approve, artwork, requestChanges, studioApi } from './journey-support.js'
import { runCli, startServer } from './run-cli.js'

const pgUrl = process.env.ATELIER_TEST_DATABASE_URL
if (!pgUrl)
  console.log('journey on Postgres skipped: ATELIER_TEST_DATABASE_URL is not set (CI sets it)')

/** A fresh database for one run: a SQLite file, or a Postgres database created and dropped. */
const databases = [
  {
    name: 'SQLite',
    create: async (dir: string) => ({ db: join(dir, 'journey.db'), drop: async () => {} }),
  },
  ...(pgUrl
    ? [
        {
          name: 'Postgres',
          // As operators run it: `atelier migrate` as the owner makes a login role of its own,
          // and everything else connects as that role, under row-level security.
          create: () => servedPostgres(pgUrl, 'atelier_e2e'),
        },
      ]
    : []),
]

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

/** Reads what the client's tracker on the demo site shows, once it has loaded. */
async function tracker(page: Page, link: string): Promise<string> {
  await page.goto('about:blank')
  await page.goto(link)
  // The access link opens the client's list of projects; the client opens theirs.
  await page.getByRole('button', { name: /Autumn catalogue/ }).click()
  await page
    .getByText(/^Now: /)
    .first()
    .waitFor()
  // innerText, not textContent: the test reads what the client can see.
  // biome-ignore lint/performance/useDomNodeTextContent: rendered text is the point
  return (await page.locator('project-tracker [part~="base"]').innerText()).replace(/\s+/g, ' ')
}

describe.each(databases)('the whole journey on $name, through HTTP and Chromium', ({ create }) => {
  it('takes a project from requirements to aftercare with a billable round and a verified receipt', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atelier-journey-'))
    const { db, drop } = await create(dir)
    const env = { ATELIER_DB: db, ATELIER_BLOBS: join(dir, 'blobs'), INIT_CWD: dir }
    const studio = JSON.parse(
      (await runCli(['studio', 'create', '--name', 'Studio Journey', '--json'], env)).stdout,
    )
    const key = JSON.parse(
      (await runCli(['key', 'create', '--studio', studio.id, '--json'], env)).stdout,
    ).token
    const server = await startServer([], env)
    const context = await browser.newContext({ locale: 'en' })
    const page = await context.newPage()
    try {
      const api = studioApi(server.url, key)
      // The studio's backend creates the client, the project and the client's access link.
      const client = (
        await api('POST', '/v1/clients', { name: 'Emma Walsh', company: 'Northwind Books' })
      ).body
      const access = (
        await api<{ token: string }>('POST', `/v1/clients/${client.id}/tokens`, {
          kind: 'access_link',
        })
      ).body
      const track = `${server.url}/demo/en/track.html#t=${access.token}`
      const project = await api<{ id: string; version: number }>('POST', '/v1/projects', {
        clientId: client.id,
        title: 'Autumn catalogue',
        contract: { includedRounds: 1, warrantyDays: 30 },
        brief: {
          goals: 'A calm, bookish catalogue',
          audience: 'readers',
          style: 'quiet',
          usage: ['print'],
          deliverableTypes: ['catalogue'],
          budget: { amount: 2_000_000, currency: 'CNY' },
          deadline: '2027-03-01',
        },
      })
      const id = project.body.id
      const move = async (to: string) => {
        const current = (await api<{ version: number }>('GET', `/v1/projects/${id}`)).body.version
        return api('POST', `/v1/projects/${id}/moves`, { to }, { ifMatch: current })
      }
      const version = async () =>
        (await api<{ version: number }>('GET', `/v1/projects/${id}`)).body.version
      await move('research')
      await move('proposal')
      expect(await tracker(page, track)).toContain('Now: Creative proposal')

      // Proposal: uploaded, signed off in the browser through its link.
      const concept = (
        await api('POST', `/v1/projects/${id}/deliverables`, {
          kind: 'proposal',
          title: 'Cover directions',
        })
      ).body
      await api('POST', `/v1/deliverables/${concept.id}/versions?filename=cover.svg`, undefined, {
        raw: { bytes: artwork('Cover', '#6b4e9a'), type: 'image/svg+xml' },
      })
      const proposal = (
        await api<{ link: string }>('POST', `/v1/projects/${id}/signoffs`, {
          purpose: 'proposal',
          files: [{ deliverableId: concept.id, version: 1 }],
        })
      ).body
      expect(await tracker(page, track)).toContain('Waiting for you')
      await approve(page, proposal.link, 'Emma Walsh')
      await move('production')
      expect(await tracker(page, track)).toContain('Now: Design production')

      // Production: the final version goes to the client, who asks for two pinned changes.
      const spread = (
        await api('POST', `/v1/projects/${id}/deliverables`, {
          kind: 'final',
          title: 'Catalogue spread',
        })
      ).body
      const upload = (n: number, colour: string) =>
        api('POST', `/v1/deliverables/${spread.id}/versions?filename=spread-v${n}.svg`, undefined, {
          raw: { bytes: artwork(`Spread v${n}`, colour), type: 'image/svg+xml' },
        })
      await upload(1, '#c9b7e0')
      let submitted = (
        await api<{ link: string }>(
          'POST',
          `/v1/projects/${id}/submissions`,
          {},
          { ifMatch: await version() },
        )
      ).body
      expect(await tracker(page, track)).toMatch(/Now: Confirmation.*Waiting for you/)
      await requestChanges(page, submitted.link, 'Emma Walsh', [
        { text: 'Larger title', at: [0.5, 0.3] },
        { text: 'Warmer purple', at: [0.2, 0.8] },
      ])
      let text = await tracker(page, track)
      expect(text).toContain('Now: Revision')
      expect(text).toContain('1 used of 1 included')

      // Round 1 (included): resolved in v2, resubmitted.
      const resolveAll = async (inVersion: number) => {
        const [round] = (
          await api<{ items: { id: string; version: number; items: { id: string }[] }[] }>(
            'GET',
            `/v1/projects/${id}/rounds`,
          )
        ).body.items.slice(-1)
        let v = round!.version
        for (const item of round!.items) {
          const res = await api<{ version: number }>(
            'POST',
            `/v1/rounds/${round!.id}/items/${item.id}/resolution`,
            {
              status: 'addressed',
              note: 'Done',
              inVersion: { deliverableId: spread.id, version: inVersion },
            },
            { ifMatch: v },
          )
          v = res.body.version
        }
        return round!
      }
      const [first] = (
        await api<{ items: { items: { pin?: unknown }[] }[] }>('GET', `/v1/projects/${id}/rounds`)
      ).body.items
      expect(first!.items.map((i) => i.pin)).toEqual([
        expect.objectContaining({ x: expect.any(Number) }),
        expect.objectContaining({ y: expect.any(Number) }),
      ])
      await upload(2, '#a98bd0')
      await resolveAll(2)
      submitted = (
        await api<{ link: string }>(
          'POST',
          `/v1/projects/${id}/submissions`,
          {},
          { ifMatch: await version() },
        )
      ).body

      // Round 2 is beyond the contract: quoted, accepted through the change order, worked.
      await requestChanges(page, submitted.link, 'Emma Walsh', [{ text: 'Add a back cover' }])
      text = await tracker(page, track)
      expect(text).toContain('2 used of 1 included')
      expect(text).toMatch(/Round 2 Awaiting quote/)
      // Studio actions read as the studio's name, never as the key that made them.
      expect(text).toContain('· Studio Journey')
      expect(text).not.toContain('· cli ')
      const [, billable] = (
        await api<{ items: { id: string; version: number }[] }>('GET', `/v1/projects/${id}/rounds`)
      ).body.items
      const quote = (
        await api<{ link: string }>(
          'POST',
          `/v1/rounds/${billable!.id}/quote`,
          { scope: ['Back cover'], days: 3, fee: { amount: 150_000, currency: 'CNY' } },
          { ifMatch: billable!.version },
        )
      ).body
      expect(await tracker(page, track)).toContain('Quote awaiting you')
      await approve(page, quote.link, 'Emma Walsh')
      expect(await tracker(page, track)).toMatch(/Round 2.*In progress/)
      await upload(3, '#8f6fc0')
      await resolveAll(3)
      submitted = (
        await api<{ link: string }>(
          'POST',
          `/v1/projects/${id}/submissions`,
          {},
          { ifMatch: await version() },
        )
      ).body

      // Final approval: the receipt, bound to v3's bytes.
      await approve(page, submitted.link, 'Emma Walsh')
      expect(await tracker(page, track)).toContain('Now: Delivery')
      const signoffs = (
        await api<{ items: { purpose: string; status: string; receiptId?: string }[] }>(
          'GET',
          `/v1/projects/${id}/signoffs`,
        )
      ).body.items
      const finalReceiptId = signoffs
        .filter((s) => s.purpose === 'final' && s.status === 'approved')
        .at(-1)!.receiptId!
      const published = (await (
        await fetch(`${server.url}/v1/receipts/${finalReceiptId}`)
      ).json()) as { receipt: { files: { filename: string }[] } }
      expect(published.receipt.files.map((f) => f.filename)).toEqual(['spread-v3.svg'])

      // Delivery and aftercare: the warranty shows on the demo site, in both languages.
      await api(
        'POST',
        `/v1/projects/${id}/delivery`,
        { method: 'download', licence: 'Print and online use' },
        { ifMatch: await version() },
      )
      await move('aftercare')
      expect(await tracker(page, track)).toMatch(/Now: Aftercare.*30 days of warranty left/)
      const zh = await context.newPage()
      await zh.goto(`${server.url}/demo/track.html#t=${access.token}`)
      await zh.getByRole('button', { name: /Autumn catalogue/ }).click()
      await zh.getByText(/当前阶段：后期服务/).waitFor()
      // biome-ignore lint/performance/useDomNodeTextContent: rendered text is the point
      expect(await zh.locator('project-tracker [part~="base"]').innerText()).toMatch(
        /保修期还剩 ?30 ?天/,
      )

      // The receipt verifies with `atelier verify` against the delivered file; the chain holds.
      const delivered = (
        await api<Uint8Array>('GET', `/v1/deliverables/${spread.id}/versions/3/file`)
      ).body
      await writeFile(join(dir, 'receipt.json'), JSON.stringify(published))
      await writeFile(join(dir, 'spread-v3.svg'), delivered)
      const verified = await runCli(
        ['verify', join(dir, 'receipt.json'), join(dir, 'spread-v3.svg')],
        env,
      )
      expect(verified.stdout).toMatch(/^VALID: receipt rct_/m)
      expect(verified.code).toBe(0)
      const chain = (
        await api<{ valid: boolean; count: number }>('GET', `/v1/projects/${id}/audit/verification`)
      ).body
      expect(chain).toMatchObject({ valid: true })
      expect(chain.count).toBeGreaterThan(30)
    } finally {
      await context.close()
      await server.stop()
      await drop()
      await rm(dir, { recursive: true, force: true })
    }
  }, 180_000)
})
