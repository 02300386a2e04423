import { type AuditEvent, type ChainVerification, verifyAuditChain } from '../audit/audit-chain.js'
import type { Scope } from '../internal/atoms.js'
import { authorize } from '../member/roles.js'
import type { ProjectView } from '../view/view-types.js'
import type { Deps } from './context.js'
import { readProject } from './load.js'
import { recordViews } from './views.js'

/** The audit chain of each project: read it, verify it, and read the access log. */
export function auditService(deps: Deps) {
  return {
    /** Every event of a project's chain, oldest first (staff only: it includes backstage events). */
    async list(scope: Scope, projectId: string): Promise<AuditEvent[]> {
      authorize(scope, 'audit.read')
      return readProject(deps, scope, projectId, (ctx) => ctx.repos.audit.list(projectId))
    },

    /** Verifies the whole chain, anchored by the heads signed into the project's receipts. */
    async verify(scope: Scope, projectId: string): Promise<ChainVerification> {
      authorize(scope, 'audit.read')
      return readProject(deps, scope, projectId, async (ctx) => {
        const [events, receipts] = await Promise.all([
          ctx.repos.audit.list(projectId),
          ctx.repos.receipts.listByProject(projectId),
        ])
        return verifyAuditChain(events, { anchors: receipts.map((r) => r.receipt.auditHead) })
      })
    },

    /**
     * Who viewed or downloaded what on a confidential project, newest first, as the studio's
     * projection of the log.
     */
    async accessLog(
      scope: Scope,
      projectId: string,
      limit = 100,
    ): Promise<NonNullable<ProjectView['accessLog']>> {
      authorize(scope, 'audit.read')
      return readProject(deps, scope, projectId, async (ctx, project) =>
        recordViews(scope, project, ctx.now).accessLog(
          await ctx.repos.accessLog.list(projectId, { limit }),
        ),
      )
    },
  }
}
