import type { AccessLogEntry } from '../sharing/grants.js'
import type { StudioTx } from './context.js'

/**
 * Appends one access-log entry in the current transaction, for an operation that already writes
 * and answers with a view it must log.
 *
 * @example
 * await appendAccess(ctx, { projectId, viewer: { kind: 'client', id: clientId }, action: 'view' })
 */
export async function appendAccess(
  ctx: StudioTx,
  entry: Omit<AccessLogEntry, 'id' | 'studioId' | 'at'>,
): Promise<void> {
  await ctx.repos.accessLog.append({
    ...entry,
    id: ctx.id('acc'),
    studioId: ctx.studioId,
    at: ctx.now,
  })
}
