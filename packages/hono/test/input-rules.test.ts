import { describe, expect, it } from 'vitest'
import { createWorld } from './support/world.js'

const utf8 = (s: string) => new TextEncoder().encode(s)
/** JSON text around raw bytes, as a client with a broken encoder would send it. */
const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...utf8(p)] : p)))

async function setup() {
  const world = createWorld()
  const s = await world.studio('Studio 山海')
  const client = await world.atelier.clients.create(s.scope, { name: '李明' })
  const project = await world.atelier.projects.create(s.scope, {
    clientId: client.id,
    title: '青禾茶饮 brand identity',
  })
  const post = (path: string, body: BodyInit) =>
    world.call('POST', path, {
      token: s.sk,
      body,
      headers: { 'Content-Type': 'application/json' },
    })
  const clientNames = async () =>
    (await world.atelier.clients.list(s.scope, { limit: 100 })).items.map((c) => c.name)
  return { world, s, project, post, clientNames }
}

describe('bodies that are not UTF-8', () => {
  it('are refused with 400 invalid_input naming the field, and write nothing', async () => {
    const { post, clientNames } = await setup()
    const reply = await post(
      '/v1/clients',
      bytes('{"name":"Li ', [0xff], 'Ming","company":"青禾', [0xe9, 0x9d], '"}'),
    )
    expect([reply.status, reply.json.code]).toEqual([400, 'invalid_input'])
    expect(reply.json.fields.map((f: { path: string }) => f.path)).toEqual(['name', 'company'])
    expect(reply.json.fields[0].message).toMatch(/UTF-8/)
    expect(await clientNames()).toEqual(['李明'])
  })

  it.each([
    ['a lone continuation byte', [0x80]],
    ['an overlong encoding of "/"', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['Latin-1 text', [0xe9]],
  ])('refuse %s (never turned into U+FFFD)', async (_, bad) => {
    const { world, s, project } = await setup()
    const reply = await world.call('PATCH', `/v1/projects/${project.id}`, {
      token: s.sk,
      ifMatch: project.version,
      body: bytes('{"brief":{"references":["ok","caf', bad, '"]}}'),
      headers: { 'Content-Type': 'application/json' },
    })
    expect([reply.status, reply.json.code]).toEqual([400, 'invalid_input'])
    expect(reply.json.fields.map((f: { path: string }) => f.path)).toEqual(['brief.references.1'])
    expect((await world.atelier.projects.get(s.scope, project.id)).version).toBe(project.version)
  })

  it('name the whole body when the bad bytes are outside any string', async () => {
    const { post } = await setup()
    const reply = await post('/v1/clients', bytes('{"name":"x"', [0xff], '}'))
    expect([reply.status, reply.json.code]).toEqual([400, 'invalid_input'])
    expect(reply.json.fields.map((f: { path: string }) => f.path)).toEqual([''])
  })

  it('leave well-formed UTF-8 alone, a real U+FFFD and a BOM included', async () => {
    const { post } = await setup()
    const reply = await post('/v1/clients', bytes([0xef, 0xbb, 0xbf], '{"name":"a\uFFFDb 山海"}'))
    expect([reply.status, reply.json.name]).toEqual([201, 'a\uFFFDb 山海'])
  })
})

describe("core's input rules over HTTP", () => {
  it('answer problem+json naming the field', async () => {
    const { world, s, project, clientNames } = await setup()
    const sk = { token: s.sk }
    const expectField = async (
      reply: Awaited<ReturnType<typeof world.call>>,
      path: string,
    ): Promise<void> => {
      expect([reply.status, reply.json.code], reply.text).toEqual([400, 'invalid_input'])
      expect(reply.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
      expect(reply.json.fields.map((f: { path: string }) => f.path)).toContain(path)
    }
    await expectField(
      await world.call('POST', '/v1/clients', { ...sk, json: { name: '李\n明' } }),
      'name',
    )
    await expectField(
      await world.call('POST', '/v1/clients', { ...sk, json: { name: '\u200B\u200D' } }),
      'name',
    )
    await expectField(
      await world.call('POST', '/v1/clients', { ...sk, json: { name: '\u001b[31mred' } }),
      'name',
    )
    const patch = (json: unknown) =>
      world.call('PATCH', `/v1/projects/${project.id}`, { ...sk, ifMatch: project.version, json })
    await expectField(await patch({ contract: { dueDate: '2027-02-30' } }), 'contract.dueDate')
    await expectField(await patch({ brief: { deadline: '0000-01-01' } }), 'brief.deadline')
    await expectField(
      await patch({ brief: { budget: { amount: 1, currency: 'ZZZ' } } }),
      'brief.budget.currency',
    )
    await expectField(await patch({ title: 'Logo \u202Egnp.exe' }), 'title')
    await expectField(
      await world.call('POST', `/v1/projects/${project.id}/portfolio-consents`, {
        ...sk,
        json: { scope: ['website'], embargoUntil: '1926-06-01' },
      }),
      'embargoUntil',
    )
    expect(await clientNames()).toEqual(['李明'])
  })

  it('store the NFC spelling of a name sent in NFD', async () => {
    const { world, s } = await setup()
    const reply = await world.call('POST', '/v1/clients', {
      token: s.sk,
      json: { name: 'Cafe\u0301 Lumie\u0300re' },
    })
    expect([reply.status, reply.json.name]).toEqual([201, 'Caf\u00e9 Lumi\u00e8re'])
  })
})
