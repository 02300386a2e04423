import { verifyAuditChain, verifyReceipt } from '@atelier/core'
import { describe, expect, it } from 'vitest'
import { runHttpJourney } from './support/http-journey.js'
import { createWorld } from './support/world.js'

describe('a whole project over HTTP', () => {
  it('goes from requirements to aftercare with an included and a billable round', async () => {
    const world = createWorld()
    const a = await world.studio('Studio 山海 Shanhai')
    const j = await runHttpJourney(world.call, a.sk)

    expect(j.project.state).toBe('aftercare')
    expect(j.project.stages.map((s: { status: string }) => s.status)).toEqual([
      'done',
      'skipped',
      'done',
      'done',
      'done',
      'done',
      'done',
      'current',
    ])
    expect(j.project.roundsUsage).toEqual({ used: 2, included: 1, billable: 1 })
    expect(
      j.project.rounds.map((r: { summary: { addressed: number } }) => r.summary.addressed),
    ).toEqual([1, 1])
    expect(j.project.warranty).toMatchObject({ active: true, daysLeft: 30 })

    const keys = await world.call('GET', `/v1/studios/${a.studioId}/public-keys`)
    const final = await verifyReceipt(j.finalReceipt, keys.json.items, [j.finalFile])
    expect(final).toMatchObject({ valid: true, signature: 'valid' })
    expect(j.finalReceipt.resolutions).toMatchObject({ round: 2, addressed: 1 })
    expect(j.changeOrderReceipt.quote.fee).toEqual({ amount: 120_000, currency: 'CNY' })

    const audit = await world.call('GET', `/v1/projects/${j.projectId}/audit`, { token: a.sk })
    expect(verifyAuditChain(audit.json.items)).toMatchObject({ valid: true })
    const verification = await world.call('GET', `/v1/projects/${j.projectId}/audit/verification`, {
      token: a.sk,
    })
    expect(verification.json).toMatchObject({ valid: true, count: audit.json.items.length })
  })
})
