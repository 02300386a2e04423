import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createAtelier } from '@atelier/core'
import { describe, expect, it } from 'vitest'
import { openSqlite } from '../src/index.js'
import { tempFolder } from './temp.js'

const RUNS = 12
const writer = fileURLToPath(new URL('./fixtures/writer.ts', import.meta.url))
const packageDir = fileURLToPath(new URL('..', import.meta.url))

/**
 * Runs the writer until it has acknowledged some commits, lets it go on for a random while,
 * then SIGKILLs it. Resolves with every id it printed (each printed after its commit).
 */
function writeUntilKilled(path: string, studioId: string, clientId: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--experimental-transform-types',
        '--disable-warning=ExperimentalWarning',
        '--conditions=source',
        '--import',
        './scripts/ts-resolve.mjs',
        writer,
        path,
        studioId,
        clientId,
      ],
      { cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    let err = ''
    let timer: NodeJS.Timeout | undefined
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk
      timer ??= setTimeout(() => child.kill('SIGKILL'), Math.random() * 400)
    })
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (signal !== 'SIGKILL') reject(new Error(`writer exited ${code}: ${err}`))
      else resolve(out.split('\n').filter((line) => line.startsWith('prj_')))
    })
  })
}

describe('durability: a writer SIGKILLed at random moments (sqlite file, synchronous FULL)', () => {
  it(`keeps every acknowledged commit over ${RUNS} kills, and the file stays sound`, async () => {
    const path = tempFolder().file('durable.db')
    const setup = await openSqlite(path)
    const atelier = createAtelier({ storage: setup })
    const studio = await atelier.studios.create({ name: 'Durable Studio' })
    const scope = { studioId: studio.id, actor: { kind: 'staff', id: 's', label: 'S' } } as const
    const client = await atelier.clients.create(scope, { name: '李明' })
    await atelier.close()

    const acknowledged: string[] = []
    for (let run = 1; run <= RUNS; run++) {
      const ids = await writeUntilKilled(path, studio.id, client.id)
      expect(ids.length).toBeGreaterThan(0)
      acknowledged.push(...ids)

      const storage = await openSqlite(path)
      try {
        const [check] = storage.database.prepare('pragma integrity_check').all()
        expect(check).toEqual({ integrity_check: 'ok' })
        const reopened = createAtelier({ storage })
        for (const id of ids) {
          // Present, with its audit event: the project and its chain committed together.
          expect((await reopened.projects.get(scope, id)).id).toBe(id)
          expect(await reopened.audit.verify(scope, id)).toMatchObject({ valid: true, count: 1 })
        }
      } finally {
        await storage.close()
      }
    }
    console.log(
      `[durability] ${RUNS} kill runs passed, ${acknowledged.length} acknowledged commits kept`,
    )
  })
})
