import { describe, expect, it } from 'vitest'
import { createAtelier } from '../atelier.js'
import { isAtelierError } from '../errors/atelier-error.js'
import { memoryStorage } from '../storage/memory-storage.js'
import { advanceTo, seedProject } from '../testing/scenario.js'

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (isAtelierError(e) ? e.code : String(e)),
  )

async function shareSetup(confidentiality: 'standard' | 'strict') {
  const s = await seedProject(createAtelier({ storage: memoryStorage() }), { confidentiality })
  await advanceTo(s, 'confirmation')
  const logo = (await s.atelier.deliverables.list(s.scope, s.project.id)).find(
    (d) => d.kind === 'final',
  )!
  const share = await s.atelier.grants.createShare(s.scope, {
    projectId: s.project.id,
    party: { name: '王印刷', organisation: '彩虹印务' },
    email: 'print@rainbow.example',
    files: [{ deliverableId: logo.id, version: 1 }],
  })
  return { s, logo, share }
}

describe('share grants', () => {
  it('work only after the client consents', async () => {
    const { s, logo, share } = await shareSetup('standard')
    expect(share.token).toMatch(/^atl_sg_/)
    expect(share.nda).toBeUndefined()
    expect(await code(s.atelier.grants.openShare(share.token))).toBe('forbidden')
    await s.atelier.signoffs.decide(share.consent.token, { outcome: 'approved', name: '李明' })
    const view = await s.atelier.grants.openShare(share.token)
    expect(view.deliverables?.[0]?.versions.map((v) => v.n)).toEqual([1])
    const file = await s.atelier.grants.openShareFile(share.token, {
      deliverableId: logo.id,
      version: 1,
    })
    expect(file.file.filename).toBe('logo-v1.png')
    await s.atelier.grants.revokeShare(s.scope, share.grant.id)
    expect(await code(s.atelier.grants.openShare(share.token))).toBe('gone')
  })

  it("need the third party's NDA on strict projects, and log every view and download", async () => {
    const { s, logo, share } = await shareSetup('strict')
    expect(share.nda?.token).toMatch(/^atl_so_/)
    await s.atelier.signoffs.decide(share.consent.token, { outcome: 'approved', name: '李明' })
    expect(await code(s.atelier.grants.openShare(share.token))).toBe('forbidden')
    const nda = await s.atelier.signoffs.open(share.nda!.token)
    expect(nda.project.name).toBe(s.project.codename)
    await s.atelier.signoffs.decide(share.nda!.token, { outcome: 'approved', name: '王印刷' })
    const view = await s.atelier.grants.openShare(share.token)
    expect(view.title).toBeUndefined()
    await s.atelier.grants.openShareFile(share.token, { deliverableId: logo.id, version: 1 })
    const log = await s.atelier.audit.accessLog(s.scope, s.project.id)
    expect(
      log
        .filter((e) => e.viewer.kind === 'third_party')
        .map((e) => e.action)
        .sort(),
    ).toEqual(['download', 'view'])
  })

  it('refuse a declined consent', async () => {
    const { s, share } = await shareSetup('standard')
    await s.atelier.signoffs.decide(share.consent.token, { outcome: 'declined', name: '李明' })
    expect(await code(s.atelier.grants.openShare(share.token))).toBe('gone')
  })
})

describe('portfolio consent', () => {
  it('is granted through a sign-off and revocable by the client', async () => {
    // A fixed day: the embargo date must not be past on the studio's calendar.
    const clock = () => new Date('2026-11-22T08:00:00.000Z')
    const s = await seedProject(createAtelier({ storage: memoryStorage(), clock }))
    const asked = await s.atelier.grants.requestPortfolioConsent(s.scope, {
      projectId: s.project.id,
      scope: ['website', 'awards'],
      embargoUntil: '2027-06-01',
    })
    const decided = await s.atelier.signoffs.decide(asked.token, {
      outcome: 'approved',
      name: '李明',
    })
    expect(decided.receipt?.portfolio).toEqual({
      scope: ['website', 'awards'],
      embargoUntil: '2027-06-01',
    })
    let [consent] = await s.atelier.grants.listPortfolioConsents(s.scope, s.project.id)
    expect(consent).toMatchObject({ status: 'granted', embargoUntil: '2027-06-01' })
    consent = await s.atelier.grants.revokePortfolioConsent(s.clientScope, consent!.id)
    expect(consent.status).toBe('revoked')
    const events = await s.atelier.audit.list(s.scope, s.project.id)
    expect(events.at(-1)).toMatchObject({ action: 'consent.revoked', actor: { kind: 'client' } })
  })
})
