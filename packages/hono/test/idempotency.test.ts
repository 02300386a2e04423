import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createWorld } from './support/world.js'

const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')

describe('Idempotency-Key on creating POSTs', async () => {
  const world = createWorld()
  const { call } = world
  const s = await world.studio('Studio 山海')
  const staff = { token: s.sk }

  it('replays the first response for the same key and body, creating one client', async () => {
    const init = {
      ...staff,
      json: { name: '王芳' },
      headers: { 'Idempotency-Key': 'create-wang-1' },
    }
    const first = await call('POST', '/v1/clients', init)
    const second = await call('POST', '/v1/clients', init)
    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    expect(second.json).toEqual(first.json)
    expect(second.headers.get('Location')).toBe(first.headers.get('Location'))
    expect(second.headers.get('Idempotent-Replayed')).toBe('true')
    expect(first.headers.get('Idempotent-Replayed')).toBeNull()
    const all = (await call('GET', '/v1/clients?limit=100', staff)).json.items
    expect(all.filter((c: { name: string }) => c.name === '王芳')).toHaveLength(1)
  })

  it('answers 422 when the key comes back with another body', async () => {
    const headers = { 'Idempotency-Key': 'create-li-1' }
    expect(
      (await call('POST', '/v1/clients', { ...staff, json: { name: '李' }, headers })).status,
    ).toBe(201)
    const reused = await call('POST', '/v1/clients', { ...staff, json: { name: '张' }, headers })
    expect([reused.status, reused.json.code]).toEqual([422, 'idempotency_key_reused'])
  })

  it('answers 409 while the first request is still in flight', async () => {
    const body = JSON.stringify({ name: '赵' })
    const fingerprint = sha256Hex(`POST /v1/clients\napplication/json\n${body}`)
    const begun = await world.atelier.requests.beginIdempotent(
      s.studioId,
      `cred:${s.skId}:busy-1`,
      fingerprint,
      60_000,
    )
    expect(begun.state).toBe('new')
    const busy = await call('POST', '/v1/clients', {
      ...staff,
      body,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'busy-1' },
    })
    expect([busy.status, busy.json.code, busy.headers.get('Retry-After')]).toEqual([
      409,
      'idempotency_in_flight',
      '1',
    ])
  })

  it('releases the key when the request fails, so a corrected retry runs', async () => {
    const headers = { 'Idempotency-Key': 'fix-me' }
    expect(
      (await call('POST', '/v1/clients', { ...staff, json: { name: '' }, headers })).status,
    ).toBe(400)
    expect(
      (await call('POST', '/v1/clients', { ...staff, json: { name: '孙' }, headers })).status,
    ).toBe(201)
  })

  it('never stores one-time tokens: a replayed key creation omits the token', async () => {
    const init = {
      ...staff,
      json: { kind: 'publishable' },
      headers: { 'Idempotency-Key': 'key-1' },
    }
    const first = await call('POST', '/v1/keys', init)
    expect(first.json.token).toMatch(/^atl_pk_/)
    const replay = await call('POST', '/v1/keys', init)
    expect(replay.json.key).toEqual(first.json.key)
    expect(replay.json).not.toHaveProperty('token')
  })

  it('never stores an invitation link: a replayed invitation omits its token and link', async () => {
    const init = {
      ...staff,
      json: { email: 'invitee@example.com', role: 'viewer' },
      headers: { 'Idempotency-Key': 'invite-1' },
    }
    const first = await call('POST', '/v1/invitations', init)
    expect(first.json.token).toMatch(/^atl_iv_/)
    const replay = await call('POST', '/v1/invitations', init)
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
    expect(replay.json.invitation).toEqual(first.json.invitation)
    expect(replay.text).not.toContain(first.json.token)
  })

  it('scopes keys to the credential and expires them after the TTL', async () => {
    const other = await world.atelier.credentials.createKey(s.scope, { kind: 'secret' })
    const init = { json: { name: '钱' }, headers: { 'Idempotency-Key': 'shared-key' } }
    const mine = await call('POST', '/v1/clients', { ...staff, ...init })
    const theirs = await call('POST', '/v1/clients', { token: other.token, ...init })
    expect(theirs.json.id).not.toBe(mine.json.id)
    world.clock.advance(24 * 3_600_000 + 1)
    const later = await call('POST', '/v1/clients', { ...staff, ...init })
    expect(later.headers.get('Idempotent-Replayed')).toBeNull()
    expect(later.json.id).not.toBe(mine.json.id)
  })

  it('refuses a malformed key', async () => {
    const bad = await call('POST', '/v1/clients', {
      ...staff,
      json: { name: 'x' },
      headers: { 'Idempotency-Key': 'a b' },
    })
    expect([bad.status, bad.json.fields[0].path]).toEqual([400, 'Idempotency-Key'])
  })
})
