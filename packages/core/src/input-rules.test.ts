import { describe, expect, it } from 'vitest'
import { createAtelier } from './atelier.js'
import { isAtelierError } from './errors/atelier-error.js'
import { memoryStorage } from './storage/memory-storage.js'
import { fakeFile } from './testing/journey.js'
import { seedProject } from './testing/scenario.js'

/** Decomposed (NFD) and precomposed (NFC) spellings of one name. */
const NFD = 'Cafe\u0301 Lumie\u0300re'
const NFC = 'Caf\u00e9 Lumi\u00e8re'

const fieldsOf = (p: Promise<unknown>) =>
  p.then(
    () => [],
    (e: unknown) => (isAtelierError(e, 'invalid_input') ? e.details.fields?.map((f) => f.path) : e),
  )

describe('input rules through the service', () => {
  it('store NFC and NFD spellings of a name as one value', async () => {
    const s = await seedProject(createAtelier({ storage: memoryStorage() }))
    const a = await s.atelier.clients.create(s.scope, { name: NFD, company: NFD })
    const b = await s.atelier.clients.create(s.scope, { name: NFC })
    expect(NFD).not.toBe(NFC)
    expect([a.name, a.company, b.name]).toEqual([NFC, NFC, NFC])
    const listed = (await s.atelier.clients.list(s.scope, { limit: 100 })).items
    expect(new Set(listed.filter((c) => c.name.startsWith('Caf')).map((c) => c.name))).toEqual(
      new Set([NFC]),
    )
  })

  it('see a file uploaded again under the other spelling of its name as the same version', async () => {
    const s = await seedProject(createAtelier({ storage: memoryStorage() }))
    const d = await s.atelier.deliverables.create(s.scope, {
      projectId: s.project.id,
      kind: 'design',
      title: NFD,
    })
    expect(d.title).toBe(NFC)
    const upload = (filename: string) =>
      s.atelier.deliverables.addVersion(
        s.scope,
        { deliverableId: d.id, filename, mediaType: 'image/png' },
        fakeFile('same bytes'),
      )
    const first = await upload(`${NFC}.png`)
    const retried = await upload(`${NFD}.png`)
    expect(first.filename).toBe(`${NFC}.png`)
    expect(retried.n).toBe(first.n)
    const [listed] = (await s.atelier.deliverables.list(s.scope, s.project.id)).filter(
      (x) => x.id === d.id,
    )
    expect(listed?.versions.map((v) => v.filename)).toEqual([`${NFC}.png`])
  })

  it("take an embargo date from today on, in the studio's time zone", async () => {
    // 2026-11-22 20:00 UTC is already 2026-11-23 in Shanghai (the default time zone).
    const clock = () => new Date('2026-11-22T20:00:00.000Z')
    const s = await seedProject(createAtelier({ storage: memoryStorage(), clock }))
    const ask = (embargoUntil: string) =>
      s.atelier.grants.requestPortfolioConsent(s.scope, {
        projectId: s.project.id,
        scope: ['website'],
        embargoUntil,
      })
    expect(await fieldsOf(ask('1926-11-23'))).toEqual(['embargoUntil'])
    expect(await fieldsOf(ask('2026-11-22'))).toEqual(['embargoUntil'])
    expect(await s.atelier.grants.listPortfolioConsents(s.scope, s.project.id)).toEqual([])
    const asked = await ask('2026-11-23')
    expect(asked.consent.embargoUntil).toBe('2026-11-23')
  })
})
