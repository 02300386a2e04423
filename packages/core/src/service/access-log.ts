import type { AccessLogEntry } from '../sharing/grants.js'
import { type Deps, inStudio } from './context.js'

/**
 * Writes one access-log entry in its own short transaction. Views themselves run read-only (so
 * tracker reads never queue behind writers); the entry follows the read it records.
 */
export async function logAccess(
  deps: Deps,
  studioId: string,
  entry: Omit<AccessLogEntry, 'id' | 'studioId' | 'at'>,
): Promise<void> {
  await inStudio(deps, studioId, async (ctx) => {
    await ctx.repos.accessLog.append({ ...entry, id: ctx.id('acc'), studioId, at: ctx.now })
  })
}
