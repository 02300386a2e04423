import { AtelierError } from '../errors/atelier-error.js'
import type { Actor, Scope } from '../internal/atoms.js'
import { canonicalJson } from '../internal/canonical-json.js'
import { sha256Hex } from '../internal/hash.js'
import { parseInput } from '../internal/validate.js'
import { type Receipt, signReceipt } from '../sign-off/receipt.js'
import {
  type Decision,
  type DecisionContext,
  type DecisionInput,
  decisionSchema,
  isExpired,
  purposesAllowingChanges,
  type Signoff,
} from '../sign-off/signoff.js'
import { currentSigningKey } from '../studio/studio.js'
import { found, type StudioTx } from './context.js'
import { decisionEffects } from './decision-effects.js'

/** The outcome of a decision: the sign-off as it now is and, for an approval, its receipt. */
export interface DecisionResult {
  signoff: Signoff
  receipt?: Receipt
  /** True when this exact decision had already been made and its stored result is returned. */
  replayed: boolean
}

const decisionKey = (d: Pick<Decision, 'outcome' | 'name' | 'comment' | 'items'>) =>
  canonicalJson({ outcome: d.outcome, name: d.name, comment: d.comment, items: d.items })

/** Refuses a decision on a sign-off that is revoked, superseded or expired. */
export function assertLive(signoff: Signoff, now: string): void {
  if (signoff.status === 'revoked') {
    throw new AtelierError('gone', 'this sign-off link was withdrawn by the studio', {
      reason: 'revoked',
    })
  }
  if (signoff.status === 'superseded') {
    throw new AtelierError(
      'gone',
      'a newer version of these files was uploaded; ask the studio for the new link',
      {
        reason: 'superseded',
      },
    )
  }
  if (isExpired(signoff, now)) {
    throw new AtelierError(
      'gone',
      `this sign-off link expired at ${signoff.expiresAt}; ask the studio for a new one`,
      { reason: 'expired', expiresAt: signoff.expiresAt },
    )
  }
}

function validate(signoff: Signoff, input: ReturnType<typeof parseDecision>): void {
  const field = (path: string, message: string) =>
    new AtelierError('invalid_input', `invalid decision: ${path}`, { fields: [{ path, message }] })
  if (input.outcome === 'changes_requested' && !purposesAllowingChanges.includes(signoff.purpose)) {
    throw field('outcome', `a ${signoff.purpose} sign-off is approved or declined`)
  }
  if (input.items && input.outcome !== 'changes_requested') {
    throw field('items', 'items are given only when requesting changes')
  }
  if (
    signoff.purpose === 'final' &&
    input.outcome === 'changes_requested' &&
    !input.items &&
    !input.comment
  ) {
    throw field('items', 'say what to change: give items or a comment')
  }
  for (const [i, item] of (input.items ?? []).entries()) {
    if (
      item.file &&
      !signoff.subject.files.some(
        (f) => f.deliverableId === item.file?.deliverableId && f.version === item.file.version,
      )
    ) {
      throw field(`items.${i}.file`, 'must be one of the files of this sign-off')
    }
  }
}

const parseDecision = (input: DecisionInput) => parseInput(decisionSchema, input, 'decision')

/**
 * Decides a sign-off, once: a compare-and-set from `pending`. The same decision replayed gets
 * the stored result; a different one is a `conflict`; revoked, superseded or expired is `gone`.
 * An approval issues a receipt signed with the studio's key, bound to the file sha256s and the
 * audit chain head. Runs inside the caller's transaction.
 */
export async function decide(
  ctx: StudioTx,
  signoffId: string,
  input: DecisionInput,
  context: DecisionContext & { via: Decision['via']; actor?: Actor },
): Promise<DecisionResult> {
  const data = parseDecision(input)
  const signoff = found(await ctx.repos.signoffs.get(signoffId), 'sign-off', signoffId)
  if (signoff.decision) {
    if (decisionKey(signoff.decision) !== decisionKey(data)) {
      throw new AtelierError(
        'conflict',
        `this sign-off was already decided (${signoff.decision.outcome}) at ${signoff.decision.at}`,
        {
          reason: 'decided',
          outcome: signoff.decision.outcome,
        },
      )
    }
    const stored = signoff.receiptId ? await ctx.repos.receipts.get(signoff.receiptId) : undefined
    return { signoff, ...(stored && { receipt: stored.receipt }), replayed: true }
  }
  assertLive(signoff, ctx.now)
  validate(signoff, data)
  const studio = await ctx.studio()
  const decision: Decision = {
    outcome: data.outcome,
    name: data.name,
    ...(data.comment && { comment: data.comment }),
    ...(data.items && { items: data.items }),
    at: ctx.now,
    ...(context.userAgent && { userAgent: context.userAgent.slice(0, 300) }),
    ...(context.ip && { ipHash: sha256Hex(`${studio.ipSalt}:${context.ip}`) }),
    via: context.via,
  }
  const receiptId = data.outcome === 'approved' ? ctx.id('rct') : undefined
  const decided: Signoff = {
    ...signoff,
    status: data.outcome,
    decision,
    ...(receiptId && { receiptId }),
    updatedAt: ctx.now,
    version: signoff.version + 1,
  }
  if (!(await ctx.repos.signoffs.update(decided, signoff.version))) {
    // Another decision won the race; re-running the transaction replays or refuses against it.
    throw new AtelierError('write_conflict', 'a concurrent decision was recorded first')
  }
  const actor: Actor = context.actor ?? { kind: 'signer', id: signoff.id, label: data.name }
  const scope: Scope = { studioId: ctx.studioId, actor }
  const event = await ctx.audit(
    signoff.projectId,
    actor,
    'signoff.decided',
    {
      signoffId: signoff.id,
      purpose: signoff.purpose,
      outcome: data.outcome,
      name: data.name,
      ...(receiptId && { receiptId }),
    },
    signoff.purpose === 'nda' ? 'internal' : 'client',
  )
  let receipt: Receipt | undefined
  if (receiptId) {
    const project = found(
      await ctx.repos.projects.get(signoff.projectId),
      'project',
      signoff.projectId,
    )
    const { subject } = signoff
    receipt = await signReceipt(
      {
        type: 'atelier.receipt',
        v: 1,
        id: receiptId,
        issuedAt: ctx.now,
        studio: { id: studio.id, name: studio.name },
        project: {
          id: project.id,
          codename: project.codename,
          ...(project.confidentiality === 'standard' && { title: project.title }),
        },
        signoff: { id: signoff.id, purpose: signoff.purpose },
        files: subject.files.map(({ deliverableId, version, filename, bytes, sha256 }) => ({
          deliverableId,
          version,
          filename,
          bytes,
          sha256,
        })),
        ...(subject.round !== undefined && { round: subject.round }),
        ...(subject.quote && { quote: subject.quote }),
        ...(subject.resolutions && { resolutions: subject.resolutions }),
        ...(subject.party && { party: subject.party }),
        ...(subject.portfolio && { portfolio: subject.portfolio }),
        decision: {
          outcome: 'approved',
          name: decision.name,
          at: decision.at,
          ...(decision.userAgent && { userAgent: decision.userAgent }),
          ...(decision.ipHash && { ipHash: decision.ipHash }),
        },
        auditHead: { seq: event.seq, hash: event.hash },
      },
      currentSigningKey(studio),
    )
    await ctx.repos.receipts.insert({
      id: receiptId,
      studioId: ctx.studioId,
      projectId: signoff.projectId,
      signoffId: signoff.id,
      receipt,
      createdAt: ctx.now,
    })
    await ctx.tx.lookups.insert({
      key: `receipt:${receiptId}`,
      studioId: ctx.studioId,
      refId: receiptId,
    })
  }
  await decisionEffects[signoff.purpose](ctx, scope, decided, decision)
  return { signoff: decided, ...(receipt && { receipt }), replayed: false }
}
