import { AtelierError } from '../errors/atelier-error.js'
import type { Scope } from '../internal/atoms.js'
import { addDays } from '../internal/runtime.js'
import type { Project } from '../project/project.js'
import type { Signoff, SignoffPurpose, SignoffSubject } from '../sign-off/signoff.js'
import type { SignoffView } from '../view/view-types.js'
import type { Deps, StudioTx } from './context.js'
import { mintToken } from './tokens.js'
import type { recordViews } from './views.js'

export interface IssueSignoff {
  project: Project
  purpose: SignoffPurpose
  subject: SignoffSubject
  signer?: Signoff['signer']
  message?: string
  ttlDays?: number
}

/** A new sign-off request and its one-time token (`atl_so_`), in the current transaction. */
export async function issueSignoff(
  deps: Deps,
  ctx: StudioTx,
  scope: Scope,
  input: IssueSignoff,
): Promise<{ signoff: Signoff; token: string }> {
  const { project, purpose, subject } = input
  const by = scope.actor
  if (project.stage === 'closed' || project.stage === 'cancelled') {
    throw new AtelierError('conflict', `the project is ${project.stage}; it takes no new sign-offs`)
  }
  const studio = await ctx.studio()
  const ttlDays = Math.min(input.ttlDays ?? studio.settings.signoffTtlDays, 90)
  const id = ctx.id('sgn')
  const { token, hash } = await mintToken(deps, ctx, 'signoff', id)
  const signoff: Signoff = {
    id,
    studioId: ctx.studioId,
    projectId: project.id,
    purpose,
    subject,
    ...(input.signer && { signer: input.signer }),
    ...(input.message && { message: input.message }),
    ...((by.kind === 'member' || by.kind === 'staff') && { requestedBy: { ...by, kind: by.kind } }),
    tokenHash: hash,
    expiresAt: addDays(ctx.now, ttlDays),
    status: 'pending',
    createdAt: ctx.now,
    updatedAt: ctx.now,
    version: 1,
  }
  await ctx.repos.signoffs.insert(signoff)
  await ctx.audit(
    project.id,
    scope.actor,
    'signoff.created',
    {
      signoffId: signoff.id,
      purpose,
      files: subject.files.map(({ deliverableId, version, sha256 }) => ({
        deliverableId,
        version,
        sha256,
      })),
      ...(subject.round !== undefined && { round: subject.round }),
    },
    purpose === 'nda' ? 'internal' : 'client',
  )
  return { signoff, token }
}

/** Marks pending sign-offs that name `deliverableId` as superseded by a newer version. */
export async function supersedeSignoffs(
  ctx: StudioTx,
  scope: Scope,
  projectId: string,
  matches: (s: Signoff) => boolean,
  cause: Record<string, unknown>,
): Promise<Signoff[]> {
  const superseded: Signoff[] = []
  for (const s of await ctx.repos.signoffs.listByProject(projectId)) {
    if (s.status !== 'pending' || !matches(s)) continue
    const next = await ctx.write(ctx.repos.signoffs, s, { ...s, status: 'superseded' }, 'sign-off')
    superseded.push(next)
    await ctx.audit(
      projectId,
      scope.actor,
      'signoff.superseded',
      { signoffId: s.id, purpose: s.purpose, ...cause },
      'client',
    )
  }
  return superseded
}

/** A sign-off issued with a share or a consent request: its staff view, and its token (once). */
export type IssuedView = { signoff: SignoffView; token: string }

/**
 * An issued sign-off as `views` show it, with its token.
 *
 * @example
 * const { signoff, token } = issuedView(recordViews(scope, project, ctx.now))(issued)
 */
export const issuedView =
  (views: ReturnType<typeof recordViews>) =>
  ({ signoff, token }: { signoff: Signoff; token: string }): IssuedView => ({
    signoff: views.signoff(signoff),
    token,
  })
