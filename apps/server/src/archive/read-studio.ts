import type { IdempotencyRecord, Storage } from '@atelier/core/storage'
import { recordKinds } from '@atelier/core/storage'
import { CliError } from '../cli-error.js'
import type { ArchiveLine } from './archive-format.js'

/** Rows read per query: pages stay small however large the studio. */
const PAGE = 500

/**
 * Whether an idempotency record moves with its studio: a finished one that has not expired, so
 * a client that retries a POST across the move still gets the stored answer instead of acting
 * twice. Claims in flight and expired records stay behind.
 */
const moves = (row: IdempotencyRecord, now: string) => row.state === 'done' && row.expiresAt > now

/**
 * Reads every record of a studio from one snapshot (a read-only transaction) and hands each to
 * `each` in archive order: the studio, then each kind parents first, in key order, a page at a
 * time. Stored views are not read (they are rebuilt); nor are rate-limit counters, which are
 * not the studio's.
 *
 * @example
 * await readStudio(storage, studioId, new Date(), async (line) => out.write(`${JSON.stringify(line)}\n`))
 */
export async function readStudio(
  storage: Storage,
  studioId: string,
  now: Date,
  each: (line: ArchiveLine) => Promise<void> | void,
): Promise<void> {
  const at = now.toISOString()
  await storage.transaction(
    async (tx) => {
      const studio = await tx.studios.get(studioId)
      if (!studio) throw new CliError(`there is no studio ${studioId} in this database`, 1)
      await each({ kind: 'studio', row: studio })
      const repos = tx.scoped(studioId)
      for (const kind of recordKinds) {
        let cursor: string | undefined
        do {
          const page = await repos.records.page(kind, cursor, PAGE)
          for (const row of page.rows) {
            if (kind === 'idempotency' && !moves(row as IdempotencyRecord, at)) continue
            await each({ kind, row })
          }
          cursor = page.next
        } while (cursor !== undefined)
      }
    },
    { readOnly: true },
  )
}
