import { beforeEach, describe, expect, it } from 'vitest'
import { createAtelier } from '../atelier.js'
import { isAtelierError } from '../errors/atelier-error.js'
import { memoryStorage } from '../storage/memory-storage.js'
import { type Scenario, seedProject } from '../testing/scenario.js'

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (isAtelierError(e) ? e.code : String(e)),
  )
let now = Date.parse('2026-11-22T08:00:00.000Z')

describe('credentials', () => {
  let s: Scenario
  beforeEach(async () => {
    now = Date.parse('2026-11-22T08:00:00.000Z')
    s = await seedProject(createAtelier({ storage: memoryStorage(), clock: () => new Date(now) }))
  })

  it('issues keys once, stores only hashes, authenticates and revokes at once', async () => {
    const { key, token } = await s.atelier.credentials.createKey(s.scope, {
      kind: 'secret',
      label: 'backend',
    })
    expect(token).toMatch(/^atl_sk_[A-Za-z0-9_-]{43}$/)
    expect(JSON.stringify(await s.atelier.credentials.listKeys(s.scope))).not.toContain(
      token.slice(7),
    )
    expect(key.hint).toBe(token.slice(-4))
    expect(await s.atelier.credentials.authenticate(token)).toEqual({
      kind: 'secret_key',
      studioId: s.studioId,
      keyId: key.id,
      label: 'backend',
      role: 'owner',
    })
    await s.atelier.credentials.revokeKey(s.scope, key.id)
    expect(await code(s.atelier.credentials.authenticate(token))).toBe('unauthorized')
  })

  it('issues publishable keys distinct from secret ones', async () => {
    const { token } = await s.atelier.credentials.createKey(s.scope, { kind: 'publishable' })
    expect(token.startsWith('atl_pk_')).toBe(true)
    expect(await s.atelier.credentials.authenticate(token)).toMatchObject({
      kind: 'publishable_key',
    })
    expect(await code(s.atelier.credentials.authenticate(`atl_sk_${token.slice(7)}`))).toBe(
      'unauthorized',
    )
  })

  it('issues client sessions that expire and access links that live until revoked', async () => {
    const session = await s.atelier.credentials.issueClientToken(s.scope, { clientId: s.clientId })
    const link = await s.atelier.credentials.issueClientToken(s.scope, {
      clientId: s.clientId,
      kind: 'access_link',
    })
    expect(await s.atelier.credentials.authenticate(session.token)).toMatchObject({
      kind: 'client_token',
      clientId: s.clientId,
    })
    now += 3_601_000
    expect(await code(s.atelier.credentials.authenticate(session.token))).toBe('unauthorized')
    expect(await s.atelier.credentials.authenticate(link.token)).toMatchObject({
      clientId: s.clientId,
    })
    await s.atelier.credentials.revokeClientToken(s.scope, link.clientToken.id)
    expect(await code(s.atelier.credentials.authenticate(link.token))).toBe('unauthorized')
  })

  it('answers every malformed or unknown token with the same unauthorized', async () => {
    for (const t of [
      '',
      'atl_sk_short',
      `atl_xx_${'A'.repeat(43)}`,
      `atl_sk_${'A'.repeat(43)}`,
      `atl_so_${'A'.repeat(43)}`,
    ]) {
      expect(await code(s.atelier.credentials.authenticate(t))).toBe('unauthorized')
    }
  })

  it('keeps staff operations from clients', async () => {
    expect(await code(s.atelier.credentials.createKey(s.clientScope, { kind: 'secret' }))).toBe(
      'forbidden',
    )
    expect(
      await code(
        s.atelier.projects.move(s.clientScope, { id: s.project.id, version: 1, to: 'research' }),
      ),
    ).toBe('forbidden')
  })
})
