import { CompiledQuery } from 'kysely'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { postgresTransactions } from '../src/dialect/postgres-transactions.js'
import { postgresUrl } from './postgres.js'

describe.skipIf(!postgresUrl)('postgres transactions', () => {
  /** One client, so the next transaction leases the same one; every statement it is sent. */
  const pool = new pg.Pool({ connectionString: postgresUrl, max: 1 })
  const sent: string[] = []
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    ;(client as unknown as { query: unknown }).query = (...args: unknown[]) => {
      const [first] = args
      sent.push(typeof first === 'string' ? first : (first as { text: string }).text)
      return query(...args)
    }
  })
  afterAll(() => pool.end())
  const transactions = postgresTransactions(pg.Query, pool)
  const raw = (text: string) => CompiledQuery.raw(text)

  it('runs the reads a failed fn left queued before ROLLBACK, never after it', async () => {
    sent.length = 0
    const started: Promise<unknown>[] = []
    const failure = transactions(true, async (db) => {
      started.push(
        Promise.resolve(db.executeQuery(raw('select 1 as first'))),
        Promise.resolve(db.executeQuery(raw('select 2 as second'))),
        Promise.resolve(db.executeQuery(raw('select 3 as third'))),
      )
      const pending = Promise.all(started)
      pending.catch(() => undefined)
      await started[0]
      throw new Error('gave up after the first read')
    })
    await expect(failure).rejects.toThrow('gave up after the first read')
    await Promise.allSettled(started)
    expect(sent.slice(sent.indexOf('rollback'))).toEqual(['rollback'])
    expect(sent.filter((text) => text.startsWith('select'))).toHaveLength(3)
  })

  it('runs every queued statement before COMMIT and before the client goes back', async () => {
    sent.length = 0
    await transactions(false, async (db) => {
      // Asked for and not awaited: it still belongs to this transaction.
      void db.executeQuery(raw('select 1 as forgotten'))
    })
    expect(sent.at(-1)).toBe('commit')
    // Outside a transaction too: the next lease of the client starts clean.
    const forgotten: Promise<unknown>[] = []
    await transactions(
      true,
      async (db) => {
        forgotten.push(Promise.resolve(db.executeQuery(raw('select 2 as forgotten'))))
      },
      false,
      true,
    )
    const client = await pool.connect()
    try {
      expect(sent.at(-1)).toBe('select 2 as forgotten')
      expect((await client.query('select 1 as clean')).rows).toEqual([{ clean: 1 }])
    } finally {
      client.release()
    }
    await Promise.all(forgotten)
  })
})
