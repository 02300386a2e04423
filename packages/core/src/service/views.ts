import type { AuditEvent } from '../audit/audit-chain.js'
import type { Viewer } from '../confidentiality/visibility.js'
import type { Deliverable, FileVersion } from '../deliverable/deliverable.js'
import { AtelierError } from '../errors/atelier-error.js'
import { isStudioActor, type Scope } from '../internal/atoms.js'
import type { Project } from '../project/project.js'
import type { RevisionRound } from '../revision/revision.js'
import type { AccessLogEntry, PortfolioConsent, ShareGrant } from '../sharing/grants.js'
import type { Signoff } from '../sign-off/signoff.js'
import { viewProject } from '../view/view-project.js'
import type { ProjectView } from '../view/view-types.js'
import type { StudioTx } from './context.js'
import { loadSnapshot } from './load-snapshot.js'

/** The viewer a scope's actor is: the studio's people and keys are staff, a client is a client. */
export function viewerOf(scope: Scope): Viewer {
  if (scope.actor.kind === 'client') return { kind: 'client', clientId: scope.actor.id }
  if (isStudioActor(scope.actor)) return { kind: 'staff' }
  throw new AtelierError('forbidden', 'projects are viewed by the studio or its client')
}

function first<T>(items: T[] | undefined, what: string): T {
  const item = items?.[0]
  if (item === undefined) throw new Error(`the ${what} is not visible to this viewer`)
  return item
}

/**
 * Projections of records an operation wrote or read, for the scope's viewer, through the one
 * projection (`viewProject`) given just the part of the snapshot that holds them. Operations
 * return these from inside their own transaction, so an adapter never reads again to answer.
 *
 * @example
 * const views = recordViews(scope, project, ctx.now)
 * return views.round(round)
 */
export function recordViews(scope: Scope, project: Project, now: string) {
  return recordViewsFor(viewerOf(scope), project, now)
}

/**
 * {@link recordViews} for a viewer who is not a scope's actor: the signer of a link, a third
 * party.
 *
 * @example
 * recordViewsFor({ kind: 'signer', signoffId: signoff.id }, project, ctx.now).signoff(signoff)
 */
export function recordViewsFor(viewer: Viewer, project: Project, now: string) {
  const view = (parts: Omit<Parameters<typeof viewProject>[0], 'project'>) =>
    viewProject({ project, ...parts }, viewer, now)
  return {
    signoff: (s: Signoff) => first(view({ signoffs: [s] }).signoffs, 'sign-off'),
    signoffs: (signoffs: Signoff[]) => view({ signoffs }).signoffs ?? [],
    round: (r: RevisionRound) => first(view({ rounds: [r] }).rounds, 'round'),
    rounds: (rounds: RevisionRound[]) => view({ rounds }).rounds ?? [],
    grant: (g: ShareGrant) => first(view({ grants: [g] }).grants, 'grant'),
    grants: (grants: ShareGrant[]) => view({ grants }).grants ?? [],
    consent: (c: PortfolioConsent) => first(view({ consents: [c] }).consents, 'consent'),
    consents: (consents: PortfolioConsent[]) => view({ consents }).consents ?? [],
    deliverables: (deliverables: Deliverable[], versions: FileVersion[]) =>
      view({ deliverables, versions }).deliverables ?? [],
    activity: (activity: AuditEvent[], studio: { id: string; name: string }) =>
      view({ activity, studio }).activity ?? [],
    accessLog: (accessLog: AccessLogEntry[]) => view({ accessLog }).accessLog ?? [],
  }
}

/** A view the studio reads: it always carries the record's `version` (its ETag, the next `If-Match`). */
export type StaffView<T extends { version?: number }> = T & { version: number }

/**
 * `view` typed as a {@link StaffView}, for operations only staff run (their projection always
 * has the version; a view without one is a bug, not a caller's mistake).
 *
 * @example
 * const round = staffView(recordViews(scope, project, ctx.now).round(next))
 * round.version // number
 */
export function staffView<T extends { version?: number }>(view: T): StaffView<T> {
  if (view.version === undefined) throw new Error('a staff view carries its version')
  return view as StaffView<T>
}

/**
 * The view type a scope gets: a scope typed as staff (`actor: { kind: 'staff' }`) gets the
 * {@link StaffView}, with its `version`; any other scope the plain view.
 *
 * @example
 * type Seen = ForScope<typeof staff, RoundView> // StaffView<RoundView>
 */
export type ForScope<S extends Scope, T extends { version?: number }> = S['actor']['kind'] extends
  | 'member'
  | 'staff'
  | 'system'
  ? StaffView<T>
  : T

/**
 * The whole project as the scope's actor may see it, read in the current transaction (after
 * the operation's own writes, so it shows them).
 *
 * @example
 * const moved = await performMove(ctx, scope, gate, 'research')
 * return projectViewIn(ctx, scope, moved)
 */
export async function projectViewIn(
  ctx: StudioTx,
  scope: Scope,
  project: Project,
): Promise<ProjectView> {
  const viewer = viewerOf(scope)
  return viewProject(await loadSnapshot(ctx, project, viewer), viewer, ctx.now)
}
