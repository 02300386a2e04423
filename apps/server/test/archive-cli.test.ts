import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postgresSchemaUrl, postgresUrl, tempDir } from './archive-support.js'
import { runCli, startServer } from './run-cli.js'

/*
 * export, import and move as studios run them: the built `atelier` command, the archive on
 * stdout and stdin, and, after a move to Postgres, `atelier serve` on the moved data answering
 * with verifying audit chains, receipts and the same file bytes.
 */

describe('atelier export | import | move, through the built CLI', () => {
  let dir: string
  let source: Record<string, string>
  let seed: {
    studio: { id: string }
    keys: { secret: string }
  }
  let archive: string

  beforeAll(async () => {
    dir = await tempDir('archive-cli')
    source = {
      ATELIER_DB: join(dir, 'source.db'),
      ATELIER_BLOBS: join(dir, 'blobs'),
      INIT_CWD: dir,
    }
    seed = JSON.parse((await runCli(['seed-demo', '--json'], source)).stdout)
    archive = join(dir, 'studio.atelier')
  })

  it('exports to stdout and imports from stdin; a second import of the same studio is refused', async () => {
    const exported = await runCli(
      ['export', '--studio', seed.studio.id],
      source,
      undefined,
      undefined,
      {
        stdout: archive,
      },
    )
    expect(exported.code).toBe(0)
    expect(exported.stderr).toMatch(new RegExp(`^exported studio ${seed.studio.id} `))
    const target = {
      ...source,
      ATELIER_DB: join(dir, 'target.db'),
      ATELIER_BLOBS: join(dir, 'target-blobs'),
    }
    const imported = await runCli(['import'], target, undefined, undefined, { stdin: archive })
    expect(imported.stderr).toBe('')
    expect(imported.code).toBe(0)
    expect(imported.stdout).toMatch(
      new RegExp(`^imported studio ${seed.studio.id} .*: 2 clients, 6 projects`),
    )
    const again = await runCli(['import'], target, undefined, undefined, { stdin: archive })
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(
      new RegExp(
        `^atelier: studio ${seed.studio.id} already exists in .*; nothing was imported\\n$`,
      ),
    )
    const unknown = await runCli(
      ['export', '--studio', 'std_00000000000000000000000000'],
      source,
      undefined,
      undefined,
      {
        stdout: join(dir, 'none.atelier'),
      },
    )
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toBe(
      'atelier: there is no studio std_00000000000000000000000000 in this database\n',
    )
  })

  describe.skipIf(!postgresUrl)('move to Postgres, then serve from there', () => {
    let url: string
    let server: Awaited<ReturnType<typeof startServer>> | undefined
    afterAll(async () => {
      await server?.stop()
    })

    it('moves the installation in one command, and the server on Postgres answers from it', async () => {
      url = await postgresSchemaUrl('archive_cli')
      const moved = join(dir, 'moved-blobs')
      const result = await runCli(['move', '--to', url, '--blobs-to', moved], source)
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      expect(result.stdout).toMatch(
        /^moved studio std_\w+ ".*": 2 clients, 6 projects, \d+ audit events, \d+ receipts, \d+ files/,
      )
      const refused = await runCli(['move', '--to', url], source)
      expect(refused.code).toBe(1)
      expect(refused.stderr).toMatch(
        /is not empty \(it has 1 studio\); move writes only into an empty database\n$/,
      )

      server = await startServer(['--db', url, '--blobs', moved], { INIT_CWD: dir })
      expect(server.output()).toContain('existing data')
      const api = (path: string) =>
        fetch(`${server!.url}/v1${path}`, {
          headers: { Authorization: `Bearer ${seed.keys.secret}` },
        })
      const projects = (await (await api('/projects?limit=50')).json()) as {
        items: { id: string }[]
      }
      expect(projects.items).toHaveLength(6)
      let receipts = 0
      for (const { id } of projects.items) {
        const chain = await (await api(`/projects/${id}/audit/verification`)).json()
        expect(chain.valid, id).toBe(true)
        type Items<T> = { items: T[] }
        const { items: signoffs } = (await (
          await api(`/projects/${id}/signoffs`)
        ).json()) as Items<{ receiptId?: string }>
        for (const { receiptId } of signoffs.filter((s) => s.receiptId)) {
          const receipt = await (await fetch(`${server.url}/v1/receipts/${receiptId}`)).json()
          expect(receipt.verification.valid, receiptId).toBe(true)
          receipts++
        }
        const { items: deliverables } = (await (
          await api(`/projects/${id}/deliverables`)
        ).json()) as Items<{ id: string; versions: { n: number; sha256: string }[] }>
        for (const d of deliverables) {
          for (const v of d.versions) {
            const bytes = Buffer.from(
              await (await api(`/deliverables/${d.id}/versions/${v.n}/file`)).arrayBuffer(),
            )
            expect(createHash('sha256').update(bytes).digest('hex')).toBe(v.sha256)
          }
        }
      }
      expect(receipts).toBeGreaterThan(0)
    })
  })
})
