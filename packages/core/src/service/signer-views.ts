import type { Receipt } from '../sign-off/receipt.js'
import type { Signoff } from '../sign-off/signoff.js'
import type { SignerView } from '../view/signer-view.js'
import { viewProject } from '../view/view-project.js'
import type { SignoffView } from '../view/view-types.js'
import { found, type StudioTx } from './context.js'
import type { DecisionResult } from './decide.js'
import { loadSnapshot } from './load-snapshot.js'

/**
 * What a decision returns: the sign-off as the one who decided sees it (the signer of the link,
 * or the client) and, for an approval, its receipt.
 */
export interface Decided {
  signoff: SignoffView
  receipt?: Receipt
  /** True when this exact decision had already been made and its stored result is returned. */
  replayed: boolean
}

/**
 * A decision's result as {@link Decided}, its sign-off through `view` (the decider's projection).
 *
 * @example
 * return decidedView(recordViews(scope, project, ctx.now).signoff, result)
 */
export function decidedView(view: (s: Signoff) => SignoffView, result: DecisionResult): Decided {
  return {
    signoff: view(result.signoff),
    ...(result.receipt && { receipt: result.receipt }),
    replayed: result.replayed,
  }
}

/**
 * The project a sign-off belongs to, read in the current transaction.
 *
 * @example
 * const project = await projectOf(ctx, signoff)
 */
export async function projectOf(ctx: StudioTx, signoff: Signoff) {
  return found(await ctx.repos.projects.get(signoff.projectId), 'project', signoff.projectId)
}

/**
 * What the signer of `signoff` sees, read in the current transaction: the studio, the project
 * through the signer's projection, their sign-off and, once approved, its receipt.
 *
 * @example
 * return signerView(ctx, signoff)
 */
export async function signerView(ctx: StudioTx, signoff: Signoff): Promise<SignerView> {
  const viewer = { kind: 'signer' as const, signoffId: signoff.id }
  const project = await projectOf(ctx, signoff)
  const view = viewProject(await loadSnapshot(ctx, project, viewer), viewer, ctx.now)
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
