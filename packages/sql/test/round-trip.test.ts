import { isAtelierError, type Project } from '@atelier/core'
import { fixtures } from '@atelier/core/testing'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { SqlStorage } from '../src/index.js'
import { onEachDatabase } from './databases.js'

onEachDatabase('documents and times round-trip the same way', (open) => {
  let storage: SqlStorage
  const studio = fixtures.studio()
  const client = fixtures.client(studio.id)
  const scoped = <T>(
    fn: (
      s: ReturnType<Parameters<Parameters<SqlStorage['transaction']>[0]>[0]['scoped']>,
    ) => Promise<T>,
  ) => storage.transaction((tx) => fn(tx.scoped(studio.id)))
  beforeAll(async () => {
    storage = await open()
    await storage.transaction(async (tx) => {
      await tx.studios.insert(studio)
      await tx.scoped(studio.id).clients.insert(client)
    })
  })
  afterAll(() => storage.close())

  it('keeps awkward but valid JSON exactly', async () => {
    const project = fixtures.project(studio.id, client.id, {
      title: 'quotes " \' backslash \\ literal \\u0000 tab\t newline\n 🎨 山海',
      brief: {
        goals: '\\\\u0000 is text here, 💡 and \u2028 too',
        usage: ['print'],
        budget: { amount: 9_007_199_254_740_991, currency: 'CNY' },
      },
      research: { notes: '', references: ['', 'https://例え.jp/?q=a&b=c#x'] },
      stageHistory: [
        { stage: 'requirements', at: '2026-01-01T00:00:00.000Z', reason: 'a'.repeat(5000) },
      ],
    })
    await scoped((s) => s.projects.insert(project))
    expect(await scoped((s) => s.projects.get(project.id))).toEqual(project)
  })

  it('keeps numbers, booleans, nulls inside documents and empty containers', async () => {
    const response = {
      status: 200,
      body: {
        a: 0.1 + 0.2,
        b: 1e21,
        c: -5e-7,
        d: true,
        e: false,
        f: null,
        g: [],
        h: {},
        i: [[{}]],
      },
    }
    const record = {
      key: 'numbers',
      fingerprint: 'f',
      state: 'done' as const,
      response,
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-02T00:00:00.000Z',
    }
    await scoped((s) => s.idempotency.put(record))
    expect(await scoped((s) => s.idempotency.get('numbers'))).toEqual(record)
  })

  it('keeps absent optional columns absent and present ones present', async () => {
    const project = fixtures.project(studio.id, client.id)
    await scoped((s) => s.projects.insert(project))
    const bare = fixtures.signoff(studio.id, project.id)
    const full = fixtures.signoff(studio.id, project.id, {
      receiptId: 'rct_x',
      signer: { name: '李' },
    })
    await scoped(async (s) => {
      await s.signoffs.insert(bare)
      await s.signoffs.insert(full)
    })
    const [a, b] = await scoped((s) => s.signoffs.listByProject(project.id))
    expect(a).toEqual(bare)
    expect(Object.keys(a!).sort()).toEqual(Object.keys(bare).sort())
    expect(b).toEqual(full)
  })

  it('stores any ISO-8601 instant as the same UTC instant with milliseconds', async () => {
    const project = fixtures.project(studio.id, client.id, {
      createdAt: '2026-01-01T08:00:00+08:00',
      updatedAt: '2026-03-04T05:06:07.8Z',
    })
    await scoped((s) => s.projects.insert(project))
    const back = (await scoped((s) => s.projects.get(project.id))) as Project
    expect([back.createdAt, back.updatedAt]).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-03-04T05:06:07.800Z',
    ])
  })

  it('refuses U+0000 and unpaired surrogates alike (Postgres cannot store them)', async () => {
    const attempts: Project[] = [
      fixtures.project(studio.id, client.id, { title: 'nul \u0000 inside' }),
      fixtures.project(studio.id, client.id, { title: 'lone \ud800 surrogate' }),
      fixtures.project(studio.id, client.id, { title: 'lone \udc00 surrogate' }),
      fixtures.project(studio.id, client.id, { stage: 'nul\u0000' as Project['stage'] }),
    ]
    for (const project of attempts) {
      const error = await scoped((s) => s.projects.insert(project)).catch((e: unknown) => e)
      expect(isAtelierError(error, 'invalid_input'), JSON.stringify(project.title)).toBe(true)
      expect(await scoped((s) => s.projects.get(project.id))).toBeUndefined()
    }
  })
})
