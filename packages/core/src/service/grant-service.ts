import type { OpenedFile } from '../deliverable/deliverable.js'
import { AtelierError } from '../errors/atelier-error.js'
import type { FileRef, Scope } from '../internal/atoms.js'
import { addDays } from '../internal/runtime.js'
import { parseInput } from '../internal/validate.js'
import { authorize } from '../member/roles.js'
import {
  type CreateShareGrantInput,
  createShareGrantSchema,
  grantStatus,
  type ShareGrant,
} from '../sharing/grants.js'
import { viewProject } from '../view/view-project.js'
import type { GrantView, ProjectView } from '../view/view-types.js'
import { appendAccess } from './access-log.js'
import { type Deps, found, inStudio, type StudioTx } from './context.js'
import { listedFile, openVersion } from './deliverable-service.js'
import { type IssuedView, issuedView, issueSignoff } from './issue-signoff.js'
import { loadProject, readProject, resolveFiles } from './load.js'
import { loadSnapshot } from './load-snapshot.js'
import { inToken, mintToken } from './tokens.js'
import { recordViews } from './views.js'

const UNKNOWN = 'this share link is not known, or no longer works'

/** Sharing with third parties, after the client's consent (portfolio consent: consent-service.ts). */
export function grantService(deps: Deps) {
  /**
   * Runs `fn` in one write transaction with the grant a share token names, looked up in it
   * (whether the grant is live is for `fn` to check). Write, because every access to a
   * confidential project is logged as it happens.
   */
  const withShare = <T>(token: string, fn: (ctx: StudioTx, grantId: string) => Promise<T>) =>
    // Views that may log read one snapshot (Postgres: REPEATABLE READ), like read-only ones.
    inToken(deps, token, 'share_grant', UNKNOWN, fn, { snapshot: true })

  async function activeGrant(ctx: StudioTx, grantId: string): Promise<ShareGrant> {
    const grant = found(await ctx.repos.grants.get(grantId), 'grant', grantId)
    const status = grantStatus(grant, ctx.now)
    if (status === 'awaiting_consent')
      throw new AtelierError('forbidden', 'the client has not consented to this share yet')
    if (status === 'awaiting_nda')
      throw new AtelierError('forbidden', 'sign the NDA sent to you before the files open')
    if (status !== 'active')
      throw new AtelierError('gone', `this share is ${status}`, {
        reason: status === 'expired' ? 'expired' : 'revoked',
      })
    return grant
  }

  return {
    /**
     * Prepares a share with a third party (printer, developer). It works only after the client's
     * `share_consent` sign-off and, on `strict` projects, the party's `nda` sign-off. Returns the
     * staff views of the grant and the sign-offs, the party's share token and both sign-off
     * tokens, once.
     */
    async createShare(
      scope: Scope,
      input: CreateShareGrantInput,
    ): Promise<{ grant: GrantView; token: string; consent: IssuedView; nda?: IssuedView }> {
      authorize(scope, 'share.manage')
      const data = parseInput(createShareGrantSchema, input, 'share')
      return inStudio(deps, scope, async (ctx) => {
        const project = await loadProject(ctx, scope, data.projectId)
        const files = await resolveFiles(ctx, project.id, data.files)
        const id = ctx.id('grt')
        const { token, hash } = await mintToken(deps, ctx, 'share_grant', id)
        const party = { ...data.party, email: data.email }
        const consent = await issueSignoff(deps, ctx, scope, {
          project,
          purpose: 'share_consent',
          subject: { files, grantId: id, party },
        })
        const nda =
          project.confidentiality === 'strict'
            ? await issueSignoff(deps, ctx, scope, {
                project,
                purpose: 'nda',
                subject: { files: [], grantId: id, party },
                signer: { name: data.party.name, email: data.email },
              })
            : undefined
        const grant: ShareGrant = {
          id,
          studioId: scope.studioId,
          projectId: project.id,
          party: data.party,
          email: data.email,
          ...(data.purpose && { purpose: data.purpose }),
          files,
          expiresAt: addDays(ctx.now, data.expiresInDays),
          consentSignoffId: consent.signoff.id,
          consent: 'pending',
          ...(nda && { ndaSignoffId: nda.signoff.id }),
          nda: nda ? 'pending' : 'not_required',
          tokenHash: hash,
          createdAt: ctx.now,
          updatedAt: ctx.now,
          version: 1,
        }
        await ctx.repos.grants.insert(grant)
        await ctx.audit(
          project.id,
          scope.actor,
          'grant.created',
          { grantId: id, party: data.party.name, files: files.length },
          'client',
        )
        const views = recordViews(scope, project, ctx.now)
        return {
          grant: views.grant(grant),
          token,
          consent: issuedView(views)(consent),
          ...(nda && { nda: issuedView(views)(nda) }),
        }
      })
    },

    /** A project's share grants, as the scope's actor sees them. */
    async listShares(scope: Scope, projectId: string): Promise<GrantView[]> {
      return readProject(deps, scope, projectId, async (ctx, project) =>
        recordViews(scope, project, ctx.now).grants(
          await ctx.repos.grants.listByProject(projectId),
        ),
      )
    },

    /**
     * Ends a share at once (the studio, or the client who consented). Returns the grant as the
     * scope's actor sees it.
     */
    async revokeShare(scope: Scope, grantId: string): Promise<GrantView> {
      if (scope.actor.kind !== 'client') authorize(scope, 'share.manage')
      return inStudio(deps, scope, async (ctx) => {
        const grant = found(await ctx.repos.grants.get(grantId), 'grant', grantId)
        const project = await loadProject(ctx, scope, grant.projectId, `grant ${grantId}`)
        const view = (g: ShareGrant) => recordViews(scope, project, ctx.now).grant(g)
        if (grant.revokedAt) return view(grant)
        const next = await ctx.write(
          ctx.repos.grants,
          grant,
          {
            ...grant,
            revokedAt: ctx.now,
          },
          'grant',
        )
        await ctx.audit(grant.projectId, scope.actor, 'grant.revoked', { grantId }, 'client')
        return view(next)
      })
    },

    /**
     * The third party's view through their share token: the shared files, by codename on
     * nda/strict. Every view of a confidential project is logged, in the same transaction.
     */
    async openShare(token: string): Promise<ProjectView> {
      return withShare(token, async (ctx, grantId) => {
        const viewer = { kind: 'third_party' as const, grantId }
        const grant = await activeGrant(ctx, grantId)
        const project = found(
          await ctx.repos.projects.get(grant.projectId),
          'project',
          grant.projectId,
        )
        const view = viewProject(await loadSnapshot(ctx, project, viewer), viewer, ctx.now)
        if (view.confidentiality !== 'standard') {
          await appendAccess(ctx, {
            projectId: view.id,
            viewer: { kind: 'third_party', id: grantId },
            action: 'view',
          })
        }
        return view
      })
    },

    /** One shared file's bytes; every download on a confidential project is logged. */
    async openShareFile(token: string, ref: FileRef): Promise<OpenedFile> {
      const file = await withShare(token, async (ctx, grantId) => {
        const grant = await activeGrant(ctx, grantId)
        const { project, file } = await listedFile(ctx, grant.projectId, grant.files, ref, 'share')
        if (project.confidentiality !== 'standard') {
          await appendAccess(ctx, {
            projectId: project.id,
            viewer: { kind: 'third_party', id: grantId },
            action: 'download',
            file: ref,
          })
        }
        return file
      })
      return openVersion(deps, file)
    },
  }
}
