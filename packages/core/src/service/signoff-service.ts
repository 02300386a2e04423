import type { OpenedFile } from '../deliverable/deliverable.js'
import { AtelierError } from '../errors/atelier-error.js'
import type { FileRef, Scope } from '../internal/atoms.js'
import { parseInput } from '../internal/validate.js'
import { authorize } from '../member/roles.js'
import type { PublicSigningKey, Receipt } from '../sign-off/receipt.js'
import {
  type CreateSignoffInput,
  clientPurposes,
  createSignoffSchema,
  type DecisionContext,
  type DecisionInput,
  decisionSchema,
  type Signoff,
} from '../sign-off/signoff.js'
import type { TransactionOptions } from '../storage/storage-port.js'
import type { SignerView } from '../view/signer-view.js'
import type { SignoffView } from '../view/view-types.js'
import { appendAccess } from './access-log.js'
import { type Deps, found, inStudio, type StudioTx } from './context.js'
import { assertLive, decide } from './decide.js'
import { listedFile, openVersion } from './deliverable-service.js'
import { issueSignoff } from './issue-signoff.js'
import { loadProject, readProject, resolveFiles } from './load.js'
import { withdrawQuote } from './round-lifecycle.js'
import { type Decided, decidedView, projectOf, signerView } from './signer-views.js'
import { inToken } from './tokens.js'
import { recordViews, recordViewsFor } from './views.js'

const UNKNOWN = 'this sign-off link is not known; check that it was copied whole'

/** Sign-off (确认): requests bound to exact files, single-use decisions, signed receipts. */
export function signoffService(deps: Deps) {
  /** Runs `fn` in one transaction with the sign-off a link's token names, looked up in it. */
  const withLink = <T>(
    token: string,
    fn: (ctx: StudioTx, signoffId: string) => Promise<T>,
    options: TransactionOptions = {},
  ) => inToken(deps, token, 'signoff', UNKNOWN, fn, options)

  async function clientSignoff(ctx: StudioTx, scope: Scope, signoffId: string) {
    const signoff = found(await ctx.repos.signoffs.get(signoffId), 'sign-off', signoffId)
    const project = await loadProject(ctx, scope, signoff.projectId, `sign-off ${signoffId}`)
    if (!clientPurposes.includes(signoff.purpose))
      throw new AtelierError('not_found', `sign-off ${signoffId} not found`)
    return { signoff, project }
  }

  return {
    /**
     * Asks the client to approve files (a proposal or an interim review). Returns the staff
     * view of the sign-off and its token, once.
     */
    async create(
      scope: Scope,
      input: CreateSignoffInput,
    ): Promise<{ signoff: SignoffView; token: string }> {
      authorize(scope, 'signoff.create')
      const data = parseInput(createSignoffSchema, input, 'sign-off')
      return inStudio(deps, scope, async (ctx) => {
        const project = await loadProject(ctx, scope, data.projectId)
        if (data.purpose === 'proposal' && project.stage !== 'proposal') {
          throw new AtelierError(
            'conflict',
            `the project is in ${project.stage}; a proposal sign-off is requested in the proposal stage`,
          )
        }
        const files = await resolveFiles(ctx, project.id, data.files)
        const { signoff, token } = await issueSignoff(deps, ctx, scope, {
          project,
          purpose: data.purpose,
          subject: { files },
          signer: data.signer,
          message: data.message,
          ttlDays: data.ttlDays,
        })
        return { signoff: recordViews(scope, project, ctx.now).signoff(signoff), token }
      })
    },

    /** A project's sign-offs, oldest first, as the studio sees them. */
    async list(scope: Scope, projectId: string): Promise<SignoffView[]> {
      authorize(scope, 'project.read')
      return readProject(deps, scope, projectId, async (ctx, project) =>
        recordViews(scope, project, ctx.now).signoffs(
          await ctx.repos.signoffs.listByProject(projectId),
        ),
      )
    },

    /** The stored sign-off record, for the studio's own tools (no route answers with it). */
    async get(scope: Scope, signoffId: string): Promise<Signoff> {
      authorize(scope, 'project.read')
      return inStudio(
        deps,
        scope,
        async (ctx) => found(await ctx.repos.signoffs.get(signoffId), 'sign-off', signoffId),
        {
          readOnly: true,
        },
      )
    },

    /**
     * Withdraws a pending request; its link answers `gone` from now on. Withdrawing a change
     * order takes its round back to `awaiting_quote`. Returns the staff view of the sign-off.
     */
    async revoke(scope: Scope, signoffId: string): Promise<SignoffView> {
      authorize(scope, 'signoff.revoke')
      return inStudio(deps, scope, async (ctx) => {
        const signoff = found(await ctx.repos.signoffs.get(signoffId), 'sign-off', signoffId)
        const view = async (s: Signoff) =>
          recordViews(scope, await projectOf(ctx, s), ctx.now).signoff(s)
        if (signoff.status === 'revoked') return view(signoff)
        if (signoff.status !== 'pending') {
          throw new AtelierError(
            'conflict',
            `the sign-off is ${signoff.status}; only a pending one can be revoked`,
          )
        }
        const next = await ctx.write(
          ctx.repos.signoffs,
          signoff,
          {
            ...signoff,
            status: 'revoked',
          },
          'sign-off',
        )
        await ctx.audit(
          signoff.projectId,
          scope.actor,
          'signoff.revoked',
          { signoffId, purpose: signoff.purpose },
          'client',
        )
        if (signoff.purpose === 'change_order') {
          await withdrawQuote(
            ctx,
            scope,
            signoff.projectId,
            signoff.subject.round,
            'round.quote_withdrawn',
          )
        }
        return view(next)
      })
    },

    /**
     * Opens a sign-off link. Never changes decision state (mail scanners open links first);
     * on `nda` and `strict` projects the view is written to the access log unless `log` is
     * false, in the same transaction (read-only when `log` is false).
     */
    async open(token: string, options: { log?: boolean } = {}): Promise<SignerView> {
      const log = options.log !== false
      return withLink(
        token,
        async (ctx, signoffId) => {
          const signoff = found(await ctx.repos.signoffs.get(signoffId), 'sign-off', signoffId)
          if (!signoff.decision) assertLive(signoff, ctx.now)
          const view = await signerView(ctx, signoff)
          if (log && view.project.confidentiality !== 'standard') {
            await appendAccess(ctx, {
              projectId: view.project.id,
              viewer: { kind: 'signer', id: signoffId },
              action: 'view',
            })
          }
          return view
        },
        // A view that may log reads one snapshot (Postgres: REPEATABLE READ), like a read-only one.
        log ? { snapshot: true } : { readOnly: true },
      )
    },

    /** One file of a sign-off's subject, for the signer's preview or download. */
    async openFile(token: string, ref: FileRef): Promise<OpenedFile> {
      const file = await withLink(token, async (ctx, signoffId) => {
        const signoff = found(await ctx.repos.signoffs.get(signoffId), 'sign-off', signoffId)
        if (!signoff.decision) assertLive(signoff, ctx.now)
        const { project, file } = await listedFile(
          ctx,
          signoff.projectId,
          signoff.subject.files,
          ref,
          'sign-off',
        )
        if (project.confidentiality === 'strict') {
          await appendAccess(ctx, {
            projectId: project.id,
            viewer: { kind: 'signer', id: signoffId },
            action: 'download',
            file: ref,
          })
        }
        return file
      })
      return openVersion(deps, file)
    },

    /**
     * Decides through the link's token, in one transaction (the token's lookup included): see
     * {@link decide} for the rules. Returns the sign-off as the signer sees it, and the receipt
     * of an approval.
     */
    async decide(
      token: string,
      input: DecisionInput,
      context: DecisionContext = {},
    ): Promise<Decided> {
      return withLink(token, async (ctx, signoffId) => {
        const result = await decide(ctx, signoffId, input, { ...context, via: 'link' })
        const viewer = { kind: 'signer' as const, signoffId }
        const project = await projectOf(ctx, result.signoff)
        return decidedView(recordViewsFor(viewer, project, ctx.now).signoff, result)
      })
    },

    /** The client opens one of their sign-offs from the tracker, with their client token. */
    async openAsClient(scope: Scope, signoffId: string): Promise<SignerView> {
      return inStudio(
        deps,
        scope,
        async (ctx) => {
          const { signoff } = await clientSignoff(ctx, scope, signoffId)
          if (!signoff.decision) assertLive(signoff, ctx.now)
          return signerView(ctx, signoff)
        },
        { readOnly: true },
      )
    },

    /**
     * The client decides one of their sign-offs from the tracker; same rules as a link. Returns
     * the sign-off as the client sees it, and the receipt of an approval.
     */
    async decideAsClient(
      scope: Scope,
      signoffId: string,
      input: DecisionInput,
      context: DecisionContext = {},
    ): Promise<Decided> {
      if (scope.actor.kind !== 'client')
        throw new AtelierError('forbidden', 'only the client decides from the tracker')
      return inStudio(deps, scope, async (ctx) => {
        const { project } = await clientSignoff(ctx, scope, signoffId)
        // The audit names the signer as the decision records them: trimmed, NFC.
        const data = parseInput(decisionSchema, input, 'decision')
        const result = await decide(ctx, signoffId, data, {
          ...context,
          via: 'client',
          actor: { ...scope.actor, label: data.name },
        })
        return decidedView(recordViews(scope, project, ctx.now).signoff, result)
      })
    },

    /** A receipt by id with the keys to verify it: public, receipts are meant to be checked. */
    async receipt(
      receiptId: string,
    ): Promise<{ receipt: Receipt; publicKeys: PublicSigningKey[] }> {
      const stored = await deps.storage.transaction(
        async (tx) => {
          const lookup = await tx.lookups.get(`receipt:${receiptId}`)
          const row = lookup && (await tx.scoped(lookup.studioId).receipts.get(receiptId))
          const studio = lookup && (await tx.studios.get(lookup.studioId))
          return row && studio ? { row, studio } : undefined
        },
        { readOnly: true },
      )
      if (!stored) throw new AtelierError('not_found', `receipt ${receiptId} not found`)
      return {
        receipt: stored.row.receipt,
        publicKeys: stored.studio.signingKeys.map(({ keyId, publicKey }) => ({ keyId, publicKey })),
      }
    },
  }
}
