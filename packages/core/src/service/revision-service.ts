import { AtelierError } from '../errors/atelier-error.js'
import type { Scope } from '../internal/atoms.js'
import { parseInput } from '../internal/validate.js'
import { authorize } from '../member/roles.js'
import type { Project } from '../project/project.js'
import {
  type AddItemsInput,
  addItemsSchema,
  type QuoteRoundInput,
  quoteRoundSchema,
  type RequestRevisionInput,
  type ResolveItemInput,
  type RevisionRound,
  requestRevisionSchema,
  resolveItemSchema,
} from '../revision/revision.js'
import type { ProjectView, RoundView, SignoffView } from '../view/view-types.js'
import { appendAccess } from './access-log.js'
import { type Deps, found, inStudio, type StudioTx } from './context.js'
import { issueSignoff, supersedeSignoffs } from './issue-signoff.js'
import { expectVersion, loadGateContext, loadProject, readProject } from './load.js'
import { openRound, toRoundItems } from './round-lifecycle.js'
import { type ForScope, projectViewIn, recordViews, type StaffView, staffView } from './views.js'

async function loadRound(
  ctx: StudioTx,
  scope: Scope,
  roundId: string,
  expected: number,
): Promise<{ round: RevisionRound; project: Project }> {
  const round = found(await ctx.repos.rounds.get(roundId), 'round', roundId)
  const project = await loadProject(ctx, scope, round.projectId, `round ${roundId}`)
  expectVersion(round, expected, 'round')
  return { round, project }
}

async function saveRound(
  ctx: StudioTx,
  round: RevisionRound,
  changes: Partial<RevisionRound>,
): Promise<RevisionRound> {
  return ctx.write(ctx.repos.rounds, round, { ...round, ...changes }, 'round')
}

/** Revision rounds (修订): requests, quotes for billable rounds, items and their resolutions. */
export function revisionService(deps: Deps) {
  return {
    /**
     * The client (from the tracker) or the studio (on the client's behalf) asks for changes:
     * opens the next round and moves the project to `revision`. Returns the project and the
     * round as the scope's actor sees them (a client's view of a `strict` project is logged).
     */
    async request<S extends Scope>(
      scope: S,
      input: RequestRevisionInput,
    ): Promise<{ project: ForScope<S, ProjectView>; round: ForScope<S, RoundView> }> {
      if (scope.actor.kind !== 'client') authorize(scope, 'round.open')
      const data = parseInput(requestRevisionSchema, input, 'revision request')
      return inStudio(deps, scope, async (ctx) => {
        const loaded = await loadProject(ctx, scope, data.projectId)
        const gate = await loadGateContext(ctx, loaded)
        const { project, round } = await openRound(ctx, scope, gate, data.items)
        const view = await projectViewIn(ctx, scope, project)
        if (scope.actor.kind === 'client' && project.confidentiality === 'strict') {
          await appendAccess(ctx, {
            projectId: project.id,
            viewer: { kind: 'client', id: scope.actor.id },
            action: 'view',
          })
        }
        return {
          project: view as ForScope<S, ProjectView>,
          round: recordViews(scope, project, ctx.now).round(round) as ForScope<S, RoundView>,
        }
      })
    },

    /** A project's rounds, oldest first, as the scope's actor sees them. */
    async list<S extends Scope>(scope: S, projectId: string): Promise<ForScope<S, RoundView>[]> {
      return readProject(deps, scope, projectId, async (ctx, project) => {
        const rounds = await ctx.repos.rounds.listByProject(projectId)
        return recordViews(scope, project, ctx.now).rounds(rounds) as ForScope<S, RoundView>[]
      })
    },

    /**
     * Quotes a billable round — scope, days and fee (明确修改的范围、时间和成本) — and creates the
     * `change_order` sign-off the client accepts it through. The round opens on acceptance. A
     * round already quoted may be quoted again: the pending change order is superseded.
     * Returns the staff views of the round and the change order, and its token (once).
     */
    async quote(
      scope: Scope,
      input: QuoteRoundInput,
    ): Promise<{ round: StaffView<RoundView>; signoff: SignoffView; token: string }> {
      authorize(scope, 'round.quote')
      const data = parseInput(quoteRoundSchema, input, 'quote')
      return inStudio(deps, scope, async (ctx) => {
        const loaded = await loadRound(ctx, scope, data.roundId, data.version)
        const { project } = loaded
        let { round } = loaded
        if (round.status === 'quoted') {
          await supersedeSignoffs(
            ctx,
            scope,
            project.id,
            (s) => s.purpose === 'change_order' && s.subject.round === round.n,
            { reason: 'requoted' },
          )
          round = { ...round, status: 'awaiting_quote' }
        }
        if (round.status !== 'awaiting_quote') {
          throw new AtelierError(
            'conflict',
            `round ${round.n} is ${round.status}; only a billable round awaiting a quote is quoted`,
          )
        }
        if (data.fee.currency !== project.contract.currency) {
          throw new AtelierError('invalid_input', 'invalid quote: fee.currency', {
            fields: [
              {
                path: 'fee.currency',
                message: `must be the contract currency ${project.contract.currency}`,
              },
            ],
          })
        }
        const quote = {
          scope: data.scope,
          days: data.days,
          fee: data.fee,
          ...(data.note && { note: data.note }),
          quotedAt: ctx.now,
        }
        const next = await saveRound(ctx, round, { status: 'quoted', quote })
        await ctx.audit(
          project.id,
          scope.actor,
          'round.quoted',
          { round: round.n, days: data.days, fee: data.fee },
          'client',
        )
        const issued = await issueSignoff(deps, ctx, scope, {
          project,
          purpose: 'change_order',
          subject: { files: [], round: round.n, quote },
        })
        const views = recordViews(scope, project, ctx.now)
        return {
          round: staffView(views.round(next)),
          signoff: views.signoff(issued.signoff),
          token: issued.token,
        }
      })
    },

    /** Adds items to a round that is awaiting its quote or open. Returns the round's staff view. */
    async addItems(scope: Scope, input: AddItemsInput): Promise<StaffView<RoundView>> {
      authorize(scope, 'round.item')
      const data = parseInput(addItemsSchema, input, 'items')
      return inStudio(deps, scope, async (ctx) => {
        const { round, project } = await loadRound(ctx, scope, data.roundId, data.version)
        if (round.status !== 'awaiting_quote' && round.status !== 'open') {
          throw new AtelierError(
            'conflict',
            `round ${round.n} is ${round.status}; items are added while it awaits a quote or is open`,
          )
        }
        const items = await toRoundItems(ctx, round.projectId, data.items)
        const next = await saveRound(ctx, round, { items: [...round.items, ...items] })
        await ctx.audit(
          round.projectId,
          scope.actor,
          'round.items_added',
          { round: round.n, items: items.length },
          'client',
        )
        return staffView(recordViews(scope, project, ctx.now).round(next))
      })
    },

    /**
     * Resolves one item: `addressed` in a version uploaded during this round, or `declined`
     * with the reason. Only in an open round. Returns the round's staff view.
     */
    async resolveItem(scope: Scope, input: ResolveItemInput): Promise<StaffView<RoundView>> {
      authorize(scope, 'round.item')
      const data = parseInput(resolveItemSchema, input, 'resolution')
      return inStudio(deps, scope, async (ctx) => {
        const { round, project } = await loadRound(ctx, scope, data.roundId, data.version)
        if (round.status !== 'open') {
          throw new AtelierError(
            'conflict',
            `round ${round.n} is ${round.status}; items are resolved while it is open`,
          )
        }
        const item = round.items.find((i) => i.id === data.itemId)
        if (!item)
          throw new AtelierError('not_found', `item ${data.itemId} is not in round ${round.n}`)
        if (data.status === 'addressed') {
          const made =
            data.inVersion &&
            (await ctx.repos.versions.get(data.inVersion.deliverableId, data.inVersion.version))
          if (!made || made.projectId !== round.projectId || made.round !== round.n) {
            throw new AtelierError('invalid_input', 'invalid resolution: inVersion', {
              fields: [
                {
                  path: 'inVersion',
                  message: `an addressed item names a version uploaded in round ${round.n}`,
                },
              ],
            })
          }
        }
        const resolution = {
          status: data.status,
          note: data.note,
          ...(data.inVersion && { inVersion: data.inVersion }),
          at: ctx.now,
        }
        const next = await saveRound(ctx, round, {
          items: round.items.map((i) => (i.id === item.id ? { ...i, resolution } : i)),
        })
        await ctx.audit(
          round.projectId,
          scope.actor,
          'item.resolved',
          { round: round.n, itemId: item.id, status: data.status },
          'client',
        )
        return staffView(recordViews(scope, project, ctx.now).round(next))
      })
    },
  }
}
