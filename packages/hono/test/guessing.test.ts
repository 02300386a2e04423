import { randomBytes } from 'node:crypto'
import { createAtelier } from '@atelier/core'
import { openPostgres, type SqlStorage } from '@atelier/sql'
import { afterAll, describe, expect, it } from 'vitest'
import { atelierApi } from '../src/index.js'
import { callerFor } from './support/call.js'
import { proposalProject } from './support/scenario.js'
import { createWorld, ORIGIN_A, PUBLIC_URL, type World } from './support/world.js'

/** A well-formed token nobody issued. */
const guess = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`

/** A studio with a pending sign-off link and a consented share link. */
async function links(world: World) {
  const s = await world.studio('S', { allowedOrigins: [ORIGIN_A] })
  const client = await world.atelier.clients.create(s.scope, { name: '李明' })
  const p = await proposalProject(world.atelier, s.scope, client.id, 'poster')
  const share = await world.atelier.grants.createShare(s.scope, {
    projectId: p.project.id,
    party: { name: 'Printer' },
    email: 'print@example.com',
    files: [{ deliverableId: p.conceptId, version: 1 }],
  })
  await world.atelier.signoffs.decide(share.consent.token, { outcome: 'approved', name: '李明' })
  return { s, so: p.signoff.token, sg: share.token }
}

/** Where each kind of guessed credential is tried. */
const targets = (studioId: string) =>
  [
    ['atl_sk_', 'GET', '/v1/studio'],
    ['atl_pk_', 'GET', `/v1/studios/${studioId}/public-keys`],
    ['atl_ct_', 'GET', '/v1/client/projects'],
    ['atl_so_', 'GET', '/v1/signoff'],
    ['atl_so_', 'POST', '/v1/signoff/decision'],
    ['atl_sg_', 'GET', '/v1/shared'],
  ] as const

describe('guessing credentials', () => {
  it('answers 401 to an unknown token of every prefix and counts it against the IP', async () => {
    let ip = ''
    const world = createWorld({
      rateLimit: { max: 100, anonymousMax: 3, windowMs: 60_000 },
      clientIp: () => ip,
    })
    const { s } = await links(world)
    const json = { outcome: 'approved', name: 'x' }
    for (const [n, [prefix, method, path]] of targets(s.studioId).entries()) {
      ip = `203.0.113.${n}`
      const replies = []
      for (let i = 0; i < 4; i++) {
        const token = guess(prefix)
        const reply = await world.call(method, path, { token, ...(method === 'POST' && { json }) })
        replies.push([reply.status, reply.json.code])
        if (reply.status === 401)
          expect(reply.headers.get('WWW-Authenticate'), path).toMatch(/^Bearer/)
      }
      expect([prefix, path, replies]).toEqual([
        prefix,
        path,
        [
          [401, 'unauthorized'],
          [401, 'unauthorized'],
          [401, 'unauthorized'],
          [429, 'rate_limited'],
        ],
      ])
    }
  })

  it('answers 401 to an unknown link sent from an allowed origin, like any other unknown token', async () => {
    const world = createWorld()
    const { s } = await links(world)
    for (const [prefix, method, path] of targets(s.studioId)) {
      if (method === 'POST') continue
      const res = await world.call(method, path, {
        token: guess(prefix),
        headers: { Origin: ORIGIN_A },
      })
      expect([prefix, res.status, res.json.code]).toEqual([prefix, 401, 'unauthorized'])
    }
  })

  it('keeps a link that answered in its own budget once its IP has spent the anonymous one', async () => {
    const world = createWorld({
      rateLimit: { max: 5, anonymousMax: 2, windowMs: 60_000 },
      clientIp: () => '198.51.100.7',
    })
    const { so, sg } = await links(world)
    expect((await world.call('GET', '/v1/signoff', { token: so })).status).toBe(200)
    expect((await world.call('GET', '/v1/shared', { token: sg })).status).toBe(200)
    expect((await world.call('GET', '/v1/signoff', { token: guess('atl_so_') })).status).toBe(429)
    for (let i = 0; i < 5; i++) {
      expect((await world.call('GET', '/v1/signoff', { token: so })).status).toBe(200)
      expect((await world.call('GET', '/v1/shared', { token: sg })).status).toBe(200)
    }
    const spent = await world.call('GET', '/v1/signoff', { token: so })
    expect([spent.status, spent.headers.get('RateLimit-Limit')]).toEqual([429, '5'])
  })
})

const url = process.env.ATELIER_TEST_DATABASE_URL

describe.skipIf(!url)('guessing credentials on Postgres', () => {
  const schema = `atelier_test_guessing_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  let storage: SqlStorage | undefined
  afterAll(async () => {
    if (!storage) return
    await storage.db.schema.dropSchema(schema).ifExists().cascade().execute()
    await storage.close()
  })

  it('creates no rate-limit row per guessed token', async () => {
    storage = await openPostgres(url!, { schema, max: 2 })
    const atelier = createAtelier({ storage })
    const app = atelierApi(atelier, {
      publicUrl: PUBLIC_URL,
      rateLimit: { max: 100, anonymousMax: 1_000, windowMs: 60_000 },
      clientIp: () => '192.0.2.1',
    })
    const call = callerFor(app)
    const studio = await atelier.studios.create({ name: 'S' })
    const rows = async () =>
      (await storage!.db.selectFrom('counters').select('key').execute()).map((r) => r.key)
    const before = await rows()
    const statuses = new Set<number>()
    for (const [prefix, method, path] of targets(studio.id)) {
      if (method === 'POST') continue
      for (let i = 0; i < 10; i++)
        statuses.add((await call(method, path, { token: guess(prefix) })).status)
    }
    const added = (await rows()).filter((key) => !before.includes(key))
    expect(added).toEqual(['anon:ip:192.0.2.1'])
    expect([...statuses]).toEqual([401])
  })
})
