import type { Deliverable } from '../deliverable/deliverable.js'
import { AtelierError } from '../errors/atelier-error.js'
import type { GateContext } from '../gates/gates.js'
import type { FileRef, Scope } from '../internal/atoms.js'
import type { Project, SubjectFile } from '../project/project.js'
import { type Deps, found, inStudio, type StudioTx } from './context.js'

/**
 * A project in the scope's studio; a client actor sees only their own (others are not found).
 * When the project was reached through another record (a round, a file, a sign-off), `asked`
 * names that record, so a refusal never reveals an id the caller did not send.
 */
export async function loadProject(
  ctx: StudioTx,
  scope: Scope,
  projectId: string,
  asked = `project ${projectId}`,
): Promise<Project> {
  const project = await ctx.repos.projects.get(projectId)
  if (!project || (scope.actor.kind === 'client' && project.clientId !== scope.actor.id)) {
    throw new AtelierError('not_found', `${asked} not found`)
  }
  return project
}

/**
 * A deliverable and its project in the scope's studio; a client actor reaches only their own
 * (another's is not found, naming the deliverable, never the project).
 */
export async function loadDeliverable(
  ctx: StudioTx,
  scope: Scope,
  deliverableId: string,
): Promise<{ deliverable: Deliverable; project: Project }> {
  const deliverable = found(
    await ctx.repos.deliverables.get(deliverableId),
    'deliverable',
    deliverableId,
  )
  const project = await loadProject(
    ctx,
    scope,
    deliverable.projectId,
    `deliverable ${deliverableId}`,
  )
  return { deliverable, project }
}

/** Runs `fn` in a read-only transaction on a project the scope may see. */
export function readProject<T>(
  deps: Deps,
  scope: Scope,
  projectId: string,
  fn: (ctx: StudioTx, project: Project) => Promise<T>,
): Promise<T> {
  return inStudio(deps, scope, async (ctx) => fn(ctx, await loadProject(ctx, scope, projectId)), {
    readOnly: true,
  })
}

/** Throws `version_mismatch` before any work when the caller's version is stale. */
export function expectVersion(
  row: { id?: string; version: number },
  expected: number,
  kind: string,
): void {
  if (row.version !== expected) {
    throw new AtelierError(
      'version_mismatch',
      `${kind} ${row.id ?? ''} is at version ${row.version}, not ${expected}; read it again and retry`.replace(
        '  ',
        ' ',
      ),
      { expectedVersion: expected, currentVersion: row.version },
    )
  }
}

/** Writes a changed project with a compare-and-set on `current`'s version. */
export function saveProject(ctx: StudioTx, current: Project, next: Project): Promise<Project> {
  return ctx.write(ctx.repos.projects, current, next, 'project')
}

/** Everything the stage gates read, loaded in the current transaction. */
export async function loadGateContext(ctx: StudioTx, project: Project): Promise<GateContext> {
  const [deliverables, versions, signoffs, rounds] = await Promise.all([
    ctx.repos.deliverables.listByProject(project.id),
    ctx.repos.versions.listByProject(project.id),
    ctx.repos.signoffs.listByProject(project.id),
    ctx.repos.rounds.listByProject(project.id),
  ])
  return { project, now: ctx.now, deliverables, versions, signoffs, rounds }
}

/** Resolves file references of a project to exact files (sha256 and all). */
export async function resolveFiles(
  ctx: StudioTx,
  projectId: string,
  refs: readonly FileRef[],
  field = 'files',
): Promise<SubjectFile[]> {
  const seen = new Set<string>()
  const files: SubjectFile[] = []
  for (const [i, ref] of refs.entries()) {
    const key = `${ref.deliverableId}/${ref.version}`
    const deliverable = await ctx.repos.deliverables.get(ref.deliverableId)
    const version =
      deliverable?.projectId === projectId
        ? await ctx.repos.versions.get(ref.deliverableId, ref.version)
        : undefined
    if (!deliverable || !version || seen.has(key)) {
      throw new AtelierError('invalid_input', `invalid ${field}: ${field}.${i}`, {
        fields: [
          {
            path: `${field}.${i}`,
            message: seen.has(key)
              ? 'is listed twice'
              : `no version ${ref.version} of deliverable ${ref.deliverableId} in this project`,
          },
        ],
      })
    }
    seen.add(key)
    files.push({
      deliverableId: deliverable.id,
      version: version.n,
      title: deliverable.title,
      filename: version.filename,
      mediaType: version.mediaType,
      bytes: version.bytes,
      sha256: version.sha256,
    })
  }
  return files
}
