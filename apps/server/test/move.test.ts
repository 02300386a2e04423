import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { Storage } from '@atelier/core/storage'
import { openPostgres, openSqlite, type SqlStorage } from '@atelier/sql'
import { beforeAll, describe, expect, it } from 'vitest'
import { CliError } from '../src/cli-error.js'
import { move, moveCommand } from '../src/commands/move.js'
import { resolveConfig } from '../src/config.js'
import { seedDemo } from '../src/demo/seed-demo.js'
import { localBlobStore } from '../src/local-blob-store.js'
import {
  chainsOf,
  comparisonTime,
  demoInstallation,
  filesOf,
  postgresSchemaUrl,
  postgresUrl,
  projectionsOf,
  receiptsOf,
  recordsOf,
  tempDir,
} from './archive-support.js'

/*
 * `atelier move --to postgres://… --blobs-to <folder>`: a whole SQLite installation (two
 * studios) into an empty Postgres and another blob store, in one command; refused on a target
 * that is not empty, and refused — writing nothing — when a studio's records do not verify.
 */

describe.skipIf(!postgresUrl)('atelier move: a whole SQLite installation into Postgres', () => {
  let dir: string
  let install: Awaited<ReturnType<typeof demoInstallation>>
  let studios: string[]
  let targetUrl: string
  let newBlobs: string
  const said: string[] = []

  beforeAll(async () => {
    dir = await tempDir('move')
    install = await demoInstallation(dir)
    // A second studio beside the first: `seed-demo` run again on the same installation.
    const storage = await openSqlite(install.db)
    try {
      const second = await seedDemo(storage, localBlobStore(install.blobs), 'http://127.0.0.1:3030')
      studios = [install.seed.studio.id, second.studio.id].sort()
    } finally {
      await storage.close()
    }
    targetUrl = await postgresSchemaUrl('move')
    newBlobs = join(dir, 'moved-blobs')
    await moveCommand(
      resolveConfig({ db: install.db, blobs: install.blobs }),
      targetUrl,
      newBlobs,
      (text) => said.push(text),
    )
  })

  it('moves every studio, every record, projection, chain, receipt and file', async () => {
    const source = await openSqlite(install.db)
    const target = await openPostgres(targetUrl)
    try {
      expect((await target.transaction((tx) => tx.studios.list())).map((s) => s.id)).toEqual(
        studios,
      )
      const now = comparisonTime()
      const from = localBlobStore(install.blobs)
      const to = localBlobStore(newBlobs)
      for (const id of studios) {
        expect(await recordsOf(target, id)).toEqual(await recordsOf(source, id))
        const before = await projectionsOf(source, from, id, now)
        const after = await projectionsOf(target, to, id, now)
        expect(after.size).toBe(before.size)
        for (const [key, view] of before) expect(after.get(key), key).toEqual(view)
        expect((await chainsOf(target, id)).every((c) => c.valid)).toBe(true)
        const receipts = await receiptsOf(target, to, id)
        expect(receipts.length).toBeGreaterThan(0)
        expect(receipts.every((r) => r.valid)).toBe(true)
        const files = await filesOf(target, to, id)
        const originals = await filesOf(source, from, id)
        for (const [sha256, file] of files) {
          expect(file.hashesTo).toBe(sha256)
          expect(file.bytes.equals(originals.get(sha256)!.bytes)).toBe(true)
        }
      }
    } finally {
      await source.close()
      await target.close()
    }
    expect(said.at(-1)).toMatch(
      /^moved 2 studios into postgres:\/\/.*; every audit chain, receipt signature and file hash verified$/,
    )
  })

  it('refuses to start on a target that is not empty', async () => {
    const error = await moveCommand(
      resolveConfig({ db: install.db, blobs: install.blobs }),
      targetUrl,
      undefined,
      () => {},
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CliError)
    expect((error as CliError).message).toMatch(
      /is not empty \(it has 2 studios\); move writes only into an empty database$/,
    )
  })

  it('refuses, writing nothing, a target that a serve filled after the first emptiness check', async () => {
    const target = await openSqlite(join(dir, 'raced.db'))
    const source = await openSqlite(install.db)
    try {
      // The first transaction on the target is move's early check; right after it, a serve
      // started on the target seeds its demo studio, before move's write transaction begins.
      let raced = false
      const racing = Object.create(target) as SqlStorage
      racing.transaction = (async (fn: never, options: never) => {
        const result = await target.transaction(fn, options)
        if (!raced) {
          raced = true
          await seedDemo(target, localBlobStore(join(dir, 'raced-blobs')), 'http://127.0.0.1:3030')
        }
        return result
      }) as Storage['transaction']
      const error = await move(
        source,
        racing,
        'raced.db',
        { from: localBlobStore(install.blobs), to: undefined },
        () => {},
      ).catch((e: unknown) => e)
      expect(raced).toBe(true)
      expect(error).toBeInstanceOf(CliError)
      expect((error as CliError).message).toMatch(
        /^raced\.db is not empty \(it has 1 studio\); move writes only into an empty database$/,
      )
      const left = await target.transaction((tx) => tx.studios.list())
      expect(left.map((s) => s.id).filter((id) => studios.includes(id))).toEqual([])
      expect(left).toHaveLength(1)
    } finally {
      await source.close()
      await target.close()
    }
  })

  describe('a source whose audit chain was edited', () => {
    let emptyUrl: string
    let untouched: string
    beforeAll(async () => {
      emptyUrl = await postgresSchemaUrl('move_refused')
      untouched = join(dir, 'untouched-blobs')
      const db = new DatabaseSync(install.db)
      try {
        db.prepare(
          "update audit_events set at = '2020-01-01T00:00:00.000Z' where seq = 2 and studio_id = ? and project_id = (select min(project_id) from audit_events where studio_id = ?)",
        ).run(studios[1]!, studios[1]!)
      } finally {
        db.close()
      }
    })

    it('is refused with one line, and nothing is written to the database or the blob store', async () => {
      const error = await moveCommand(
        resolveConfig({ db: install.db, blobs: install.blobs }),
        emptyUrl,
        untouched,
        () => {},
      ).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(CliError)
      expect((error as CliError).message).toMatch(
        /^refused to move: the audit chain of project prj_\w+ does not verify at event 2 \(edited\).*; nothing was written$/,
      )
      expect((error as CliError).message.includes('\n')).toBe(false)
      const target = await openPostgres(emptyUrl)
      try {
        expect(await target.transaction((tx) => tx.studios.list())).toEqual([])
      } finally {
        await target.close()
      }
      const files = existsSync(untouched) ? await readdir(untouched, { recursive: true }) : []
      expect(files.filter((f) => /[0-9a-f]{64}$/.test(String(f)))).toEqual([])
    })
  })
})
