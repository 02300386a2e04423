import { viewProject } from '../confidentiality/view-project.js'
import type { ProjectView } from '../confidentiality/view-types.js'
import type { OpenedFile } from '../deliverable/deliverable.js'
import { AtelierError } from '../errors/atelier-error.js'
import type { FileRef, Scope } from '../internal/atoms.js'
import { parseInput } from '../internal/validate.js'
import type { PublicSigningKey, Receipt } from '../sign-off/receipt.js'
import {
  type CreateSignoffInput,
  clientPurposes,
  createSignoffSchema,
  type DecisionContext,
  type DecisionInput,
  type Signoff,
} from '../sign-off/signoff.js'
import { logAccess } from './access-log.js'
import { assertStaff, type Deps, found, inStudio, type StudioTx } from './context.js'
import { assertLive, type DecisionResult, decide } from './decide.js'
import { listedFile, openChecked } from './deliverable-service.js'
import { issueSignoff } from './issue-signoff.js'
import { loadProject, readProject, resolveFiles } from './load.js'
import { loadSnapshot } from './load-snapshot.js'
import { withdrawQuote } from './round-lifecycle.js'
import { resolveToken } from './tokens.js'

const UNKNOWN = 'this sign-off link is not known; check that it was copied whole'

/** What a signer sees on opening a link: the project as their projection, and their sign-off. */
export interface SignerView {
  /** The studio asking for the sign-off. */
  studio: { id: string; name: string }
  project: ProjectView
  signoff: NonNullable<ProjectView['signoffs']>[number]
  receipt?: Receipt
}

/** Sign-off (确认): requests bound to exact files, single-use decisions, signed receipts. */
export function signoffService(deps: Deps) {
  async function resolve(token: string): Promise<{ studioId: string; signoffId: string }> {
    const { studioId, refId } = await resolveToken(deps, token, 'signoff', UNKNOWN)
    return { studioId, signoffId: refId }
  }

  async function signerView(ctx: StudioTx, signoff: Signoff): Promise<SignerView> {
    const project = found(
      await ctx.repos.projects.get(signoff.projectId),
      'project',
      signoff.projectId,
    )
    const view = viewProject(
      await loadSnapshot(ctx, project, { kind: 'signer', signoffId: signoff.id }),
      { kind: 'signer', signoffId: signoff.id },
      ctx.now,
    )
    const receipt = signoff.receiptId
      ? (await ctx.repos.receipts.get(signoff.receiptId))?.receipt
      : undefined
    const { id, name } = await ctx.studio()
    return {
      studio: { id, name },
      project: view,
      signoff: view.signoffs![0]!,
      ...(receipt && { receipt }),
    }
  }

  async function clientSignoff(ctx: StudioTx, scope: Scope, signoffId: string): Promise<Signoff> {
    const signoff = found(await ctx.repos.signoffs.get(signoffId), 'sign-off', signoffId)
    await loadProject(ctx, scope, signoff.projectId, `sign-off ${signoffId}`)
    if (!clientPurposes.includes(signoff.purpose))
      throw new AtelierError('not_found', `sign-off ${signoffId} not found`)
    return signoff
  }

  return {
    /** Asks the client to approve files (a proposal or an interim review). Returns the token once. */
    async create(
      scope: Scope,
      input: CreateSignoffInput,
    ): Promise<{ signoff: Signoff; token: string }> {
      assertStaff(scope, 'create sign-offs')
      const data = parseInput(createSignoffSchema, input, 'sign-off')
      return inStudio(deps, scope.studioId, async (ctx) => {
        const project = await loadProject(ctx, scope, data.projectId)
        if (data.purpose === 'proposal' && project.stage !== 'proposal') {
          throw new AtelierError(
            'conflict',
            `the project is in ${project.stage}; a proposal sign-off is requested in the proposal stage`,
          )
        }
        const files = await resolveFiles(ctx, project.id, data.files)
        return issueSignoff(deps, ctx, scope, {
          project,
          purpose: data.purpose,
          subject: { files },
          signer: data.signer,
          message: data.message,
          ttlDays: data.ttlDays,
        })
      })
    },

    async list(scope: Scope, projectId: string): Promise<Signoff[]> {
      assertStaff(scope, 'list sign-offs')
      return readProject(deps, scope, projectId, (ctx) =>
        ctx.repos.signoffs.listByProject(projectId),
      )
    },

    async get(scope: Scope, signoffId: string): Promise<Signoff> {
      assertStaff(scope, 'read sign-offs')
      return inStudio(
        deps,
        scope.studioId,
        async (ctx) => found(await ctx.repos.signoffs.get(signoffId), 'sign-off', signoffId),
        {
          readOnly: true,
        },
      )
    },

    /**
     * Withdraws a pending request; its link answers `gone` from now on. Withdrawing a change
     * order takes its round back to `awaiting_quote`.
     */
    async revoke(scope: Scope, signoffId: string): Promise<Signoff> {
      assertStaff(scope, 'revoke sign-offs')
      return inStudio(deps, scope.studioId, async (ctx) => {
        const signoff = found(await ctx.repos.signoffs.get(signoffId), 'sign-off', signoffId)
        if (signoff.status === 'revoked') return signoff
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
        return next
      })
    },

    /**
     * Opens a sign-off link. Never changes decision state (mail scanners open links first);
     * on `nda` and `strict` projects the view is written to the access log unless `log` is false.
     */
    async open(token: string, options: { log?: boolean } = {}): Promise<SignerView> {
      const { studioId, signoffId } = await resolve(token)
      const view = await inStudio(
        deps,
        studioId,
        async (ctx) => {
          const signoff = found(await ctx.repos.signoffs.get(signoffId), 'sign-off', signoffId)
          if (!signoff.decision) assertLive(signoff, ctx.now)
          return signerView(ctx, signoff)
        },
        { readOnly: true },
      )
      if (options.log !== false && view.project.confidentiality !== 'standard') {
        await logAccess(deps, studioId, {
          projectId: view.project.id,
          viewer: { kind: 'signer', id: signoffId },
          action: 'view',
        })
      }
      return view
    },

    /** One file of a sign-off's subject, for the signer's preview or download. */
    async openFile(token: string, ref: FileRef): Promise<OpenedFile> {
      const { studioId, signoffId } = await resolve(token)
      return openChecked(deps, studioId, async (ctx) => {
        const signoff = found(await ctx.repos.signoffs.get(signoffId), 'sign-off', signoffId)
        if (!signoff.decision) assertLive(signoff, ctx.now)
        const { project, file } = await listedFile(
          ctx,
          signoff.projectId,
          signoff.subject.files,
          ref,
          'sign-off',
        )
        const logged = project.confidentiality === 'strict'
        return {
          file,
          ...(logged && {
            log: {
              projectId: project.id,
              viewer: { kind: 'signer' as const, id: signoffId },
              action: 'download' as const,
              file: ref,
            },
          }),
        }
      })
    },

    /** Decides through the link's token. See {@link decide} for the rules. */
    async decide(
      token: string,
      input: DecisionInput,
      context: DecisionContext = {},
    ): Promise<DecisionResult> {
      const { studioId, signoffId } = await resolve(token)
      return inStudio(deps, studioId, (ctx) =>
        decide(ctx, signoffId, input, { ...context, via: 'link' }),
      )
    },

    /** The client opens one of their sign-offs from the tracker, with their client token. */
    async openAsClient(scope: Scope, signoffId: string): Promise<SignerView> {
      return inStudio(
        deps,
        scope.studioId,
        async (ctx) => {
          const signoff = await clientSignoff(ctx, scope, signoffId)
          if (!signoff.decision) assertLive(signoff, ctx.now)
          return signerView(ctx, signoff)
        },
        { readOnly: true },
      )
    },

    /** The client decides one of their sign-offs from the tracker; same rules as a link. */
    async decideAsClient(
      scope: Scope,
      signoffId: string,
      input: DecisionInput,
      context: DecisionContext = {},
    ): Promise<DecisionResult> {
      if (scope.actor.kind !== 'client')
        throw new AtelierError('forbidden', 'only the client decides from the tracker')
      return inStudio(deps, scope.studioId, async (ctx) => {
        await clientSignoff(ctx, scope, signoffId)
        return decide(ctx, signoffId, input, {
          ...context,
          via: 'client',
          actor: { ...scope.actor, label: input.name ?? scope.actor.label },
        })
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
