import {
  type AccessLogEntry,
  type Atelier,
  type DeliverableWithVersions,
  type PortfolioConsent,
  type Project,
  type RevisionRound,
  type ShareGrant,
  type Signoff,
  type Viewer,
  viewProject,
} from '@atelier/core'

/**
 * Projections of the records core returns from its operations (a sign-off, a round, a grant…)
 * through core's one projection, `viewProject`, given just the part of the snapshot that
 * holds the record. Stored records never leave the API any other way.
 *
 * @example
 * const view = projectionsFor(atelier, { kind: 'staff' })
 * view.signoff(project, signoff) // a SignoffView, without the token hash
 */
export function projectionsFor(atelier: Atelier, viewer: Viewer) {
  const now = () => atelier.now().toISOString()
  const view = (snapshot: Parameters<typeof viewProject>[0]) => viewProject(snapshot, viewer, now())
  const first = <T>(items: T[] | undefined, what: string): T => {
    const item = items?.[0]
    if (item === undefined) throw new Error(`the ${what} is not visible to this viewer`)
    return item
  }
  return {
    signoff: (project: Project, s: Signoff) =>
      first(view({ project, signoffs: [s] }).signoffs, 'sign-off'),
    signoffs: (project: Project, signoffs: Signoff[]) => view({ project, signoffs }).signoffs ?? [],
    round: (project: Project, r: RevisionRound) =>
      first(view({ project, rounds: [r] }).rounds, 'round'),
    rounds: (project: Project, rounds: RevisionRound[]) => view({ project, rounds }).rounds ?? [],
    grant: (project: Project, g: ShareGrant) =>
      first(view({ project, grants: [g] }).grants, 'grant'),
    grants: (project: Project, grants: ShareGrant[]) => view({ project, grants }).grants ?? [],
    consent: (project: Project, c: PortfolioConsent) =>
      first(view({ project, consents: [c] }).consents, 'consent'),
    consents: (project: Project, consents: PortfolioConsent[]) =>
      view({ project, consents }).consents ?? [],
    deliverables: (project: Project, list: DeliverableWithVersions[]) =>
      view({
        project,
        deliverables: list.map(({ versions: _, ...d }) => d),
        versions: list.flatMap((d) => d.versions),
      }).deliverables ?? [],
    accessLog: (project: Project, accessLog: AccessLogEntry[]) =>
      view({ project, accessLog }).accessLog ?? [],
  }
}
