import { type BlobBody, readBlob } from '../blob/blob-store.js'
import type { OpenedFile } from '../deliverable/deliverable.js'
import {
  type AddVersionInput,
  addVersionSchema,
  type CreateDeliverableInput,
  createDeliverableSchema,
  type Deliverable,
  type FileVersion,
} from '../deliverable/deliverable.js'
import { AtelierError } from '../errors/atelier-error.js'
import { latestRound } from '../gates/gates.js'
import type { FileRef, Scope } from '../internal/atoms.js'
import { parseInput } from '../internal/validate.js'
import { authorize } from '../member/roles.js'
import type { Project } from '../project/project.js'
import { isOpenStage } from '../project/stages.js'
import type { DeliverableView, VersionView } from '../view/view-types.js'
import { appendAccess } from './access-log.js'
import { type Deps, found, inStudio, type StudioTx } from './context.js'
import { supersedeSignoffs } from './issue-signoff.js'
import { loadDeliverable, loadProject, readProject } from './load.js'
import { recordViews } from './views.js'

/** The revision round an upload belongs to, or a refusal when the project takes no upload now. */
async function uploadRound(
  ctx: StudioTx,
  project: Project,
  deliverable: Deliverable,
): Promise<number | undefined> {
  if (!isOpenStage(project.stage)) {
    throw new AtelierError('conflict', `the project is ${project.stage}; it takes no new versions`)
  }
  if (project.stage !== 'revision' || deliverable.kind === 'proposal') return undefined
  const round = latestRound(await ctx.repos.rounds.listByProject(project.id))
  if (round?.status !== 'open') {
    const why =
      round?.status === 'awaiting_quote'
        ? 'awaits a quote'
        : "awaits the client's accepted change order"
    throw new AtelierError(
      'conflict',
      `round ${round?.n} ${why}; no revised version can be submitted before it is open`,
    )
  }
  return round.n
}

/**
 * A version to read from the blob store when the caller sends it (whole or one range); a
 * missing blob is reported as `gone`, never a crash.
 */
export function openVersion(deps: Deps, file: FileVersion): OpenedFile {
  return {
    file,
    async read(range) {
      const body = range
        ? await readBlob(deps.blobs, file.blobKey, range)
        : await deps.blobs.get(file.blobKey)
      if (!body) {
        throw new AtelierError(
          'gone',
          `the bytes of ${file.filename} v${file.n} are missing from the blob store`,
        )
      }
      return body
    },
  }
}

/**
 * A file a token holder may download: it must be one of `files` (a sign-off's subject, a
 * share's files). Returns it with its project, whose confidentiality decides the logging.
 */
export async function listedFile(
  ctx: StudioTx,
  projectId: string,
  files: readonly { deliverableId: string; version: number }[],
  ref: FileRef,
  what: string,
): Promise<{ project: Project; file: FileVersion }> {
  if (!files.some((f) => f.deliverableId === ref.deliverableId && f.version === ref.version)) {
    throw new AtelierError('not_found', `that file is not part of this ${what}`)
  }
  const project = found(await ctx.repos.projects.get(projectId), 'project', projectId)
  const file = found(
    await ctx.repos.versions.get(ref.deliverableId, ref.version),
    'version',
    `${ref.deliverableId}/${ref.version}`,
  )
  return { project, file }
}

/** Deliverables and their versions: the files, bound to their bytes by sha256. */
export function deliverableService(deps: Deps) {
  return {
    /** Creates a deliverable (no versions yet); returns its staff view. */
    async create(scope: Scope, input: CreateDeliverableInput): Promise<DeliverableView> {
      authorize(scope, 'deliverable.create')
      const data = parseInput(createDeliverableSchema, input, 'deliverable')
      return inStudio(deps, scope, async (ctx) => {
        const project = await loadProject(ctx, scope, data.projectId)
        if (!isOpenStage(project.stage))
          throw new AtelierError('conflict', `the project is ${project.stage}`)
        const deliverable: Deliverable = {
          id: ctx.id('dlv'),
          studioId: scope.studioId,
          projectId: project.id,
          kind: data.kind,
          title: data.title,
          visibility: data.visibility,
          latestVersion: 0,
          createdAt: ctx.now,
          updatedAt: ctx.now,
          version: 1,
        }
        await ctx.repos.deliverables.insert(deliverable)
        await ctx.audit(
          project.id,
          scope.actor,
          'deliverable.created',
          { deliverableId: deliverable.id, kind: data.kind },
          data.visibility,
        )
        const [view] = recordViews(scope, project, ctx.now).deliverables([deliverable], [])
        return found(view, 'deliverable', deliverable.id)
      })
    },

    /**
     * A project's deliverables with their versions, as the scope's actor sees them (a client:
     * the client-visible files only).
     */
    async list(scope: Scope, projectId: string): Promise<DeliverableView[]> {
      return readProject(deps, scope, projectId, async (ctx, project) => {
        const [deliverables, versions] = await Promise.all([
          ctx.repos.deliverables.listByProject(projectId),
          ctx.repos.versions.listByProject(projectId),
        ])
        return recordViews(scope, project, ctx.now).deliverables(deliverables, versions)
      })
    },

    /**
     * Uploads a new version. The bytes stream into the blob store (sha256 computed on the way,
     * size-limited) before the version is recorded; pending sign-offs that name an older
     * version of this deliverable are superseded in the same transaction. Uploading the bytes
     * of the newest version again (a retry) returns that version and changes nothing. Returns
     * the staff view of the version. A read-only check runs before the bytes stream in, so a
     * refused upload stores nothing.
     */
    async addVersion(scope: Scope, input: AddVersionInput, body: BlobBody): Promise<VersionView> {
      authorize(scope, 'deliverable.upload')
      const data = parseInput(addVersionSchema, input, 'version')
      await inStudio(
        deps,
        scope,
        async (ctx) => {
          const { deliverable, project } = await loadDeliverable(ctx, scope, data.deliverableId)
          await uploadRound(ctx, project, deliverable)
        },
        { readOnly: true },
      )
      const blob = await deps.blobs.put(body, { maxBytes: deps.maxUploadBytes })
      return inStudio(deps, scope, async (ctx) => {
        const { deliverable, project } = await loadDeliverable(ctx, scope, data.deliverableId)
        const round = await uploadRound(ctx, project, deliverable)
        const latest = deliverable.latestVersion
          ? await ctx.repos.versions.get(deliverable.id, deliverable.latestVersion)
          : undefined
        const view = (d: Deliverable, file: FileVersion) => {
          const [one] = recordViews(scope, project, ctx.now).deliverables([d], [file])
          return found(one?.versions[0], 'version', `${d.id}/${file.n}`)
        }
        // The same bytes again (a retried upload) are the newest version, not a new one.
        if (latest && latest.sha256 === blob.sha256 && latest.filename === data.filename)
          return view(deliverable, latest)
        const n = deliverable.latestVersion + 1
        const file: FileVersion = {
          studioId: scope.studioId,
          projectId: project.id,
          deliverableId: deliverable.id,
          n,
          sha256: blob.sha256,
          bytes: blob.bytes,
          mediaType: data.mediaType,
          filename: data.filename,
          ...(data.note && { note: data.note }),
          blobKey: blob.key,
          ...(round !== undefined && { round }),
          createdAt: ctx.now,
        }
        const next = await ctx.write(
          ctx.repos.deliverables,
          deliverable,
          {
            ...deliverable,
            latestVersion: n,
          },
          'deliverable',
        )
        await ctx.repos.versions.insert(file)
        await ctx.audit(
          project.id,
          scope.actor,
          'version.uploaded',
          {
            deliverableId: deliverable.id,
            version: n,
            sha256: blob.sha256,
            bytes: blob.bytes,
            ...(round && { round }),
          },
          deliverable.visibility,
        )
        await supersedeSignoffs(
          ctx,
          scope,
          project.id,
          (s) => s.subject.files.some((f) => f.deliverableId === deliverable.id && f.version < n),
          { deliverableId: deliverable.id, version: n },
        )
        return view(next, file)
      })
    },

    /**
     * Opens one version's bytes. A client opens only client-visible files of their own
     * projects; on `strict` projects every client download is written to the access log, in
     * the same transaction (a write one only for a client).
     */
    async open(scope: Scope, ref: FileRef): Promise<OpenedFile> {
      const client = scope.actor.kind === 'client'
      const file = await inStudio(
        deps,
        scope,
        async (ctx) => {
          const { deliverable, project } = await loadDeliverable(ctx, scope, ref.deliverableId)
          if (client && deliverable.visibility !== 'client') {
            throw new AtelierError('not_found', `deliverable ${ref.deliverableId} not found`)
          }
          const file = found(
            await ctx.repos.versions.get(ref.deliverableId, ref.version),
            'version',
            `${ref.deliverableId}/${ref.version}`,
          )
          if (client && project.confidentiality === 'strict') {
            await appendAccess(ctx, {
              projectId: project.id,
              viewer: { kind: 'client', id: scope.actor.id },
              action: 'download',
              file: ref,
            })
          }
          return file
        },
        client ? { snapshot: true } : { readOnly: true },
      )
      return openVersion(deps, file)
    },
  }
}
