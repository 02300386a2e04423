import * as v from 'valibot'
import { fileRef, sha256 } from '../internal/atoms.js'
import { type Assert, int, named, type SameType, timestamp } from '../internal/view-atoms.js'
import type { SubjectFile } from '../project/project.js'
import type { Deliverable, FileVersion } from './deliverable.js'
import { addVersionSchema, createDeliverableSchema, deliverableKinds } from './deliverable.js'

const { filename, mediaType, note } = addVersionSchema.entries

/**
 * One uploaded file of a deliverable, without where its bytes are stored.
 *
 * @example
 * const version: VersionView = v.parse(versionViewSchema, {
 *   deliverableId: 'dlv_…', n: 1, filename: 'logo.pdf', mediaType: 'application/pdf',
 *   bytes: 2048, sha256: '…', createdAt: '2026-11-22T08:00:00.000Z',
 * })
 */
export const versionViewSchema = named(
  'VersionView',
  v.strictObject({
    deliverableId: fileRef.entries.deliverableId,
    n: int,
    filename,
    mediaType,
    bytes: int,
    sha256,
    note,
    round: v.optional(int),
    createdAt: timestamp,
  }),
  'One uploaded version of a deliverable, bound to its exact bytes by sha256.',
)

/**
 * A version of a deliverable (see {@link versionViewSchema}).
 *
 * @example
 * const newest = (d: DeliverableView): VersionView | undefined => d.versions.at(-1)
 */
export type VersionView = v.InferOutput<typeof versionViewSchema>

/**
 * A deliverable with the versions this viewer may see; `visibility` only for staff.
 *
 * @example
 * const deliverable: DeliverableView = v.parse(deliverableViewSchema, {
 *   id: 'dlv_…', kind: 'design', title: 'Logo', latestVersion: 0, versions: [],
 * })
 */
export const deliverableViewSchema = named(
  'DeliverableView',
  v.strictObject({
    id: v.string(),
    kind: v.picklist(deliverableKinds),
    title: createDeliverableSchema.entries.title,
    visibility: v.optional(v.picklist(['client', 'internal'])),
    latestVersion: int,
    versions: v.array(versionViewSchema),
  }),
  'A deliverable and the versions of it this viewer may see.',
)

/**
 * A deliverable of a project view (see {@link deliverableViewSchema}).
 *
 * @example
 * const titles = (view.deliverables ?? []).map((d: DeliverableView) => d.title)
 */
export type DeliverableView = v.InferOutput<typeof deliverableViewSchema>

/**
 * A file as it was delivered or put before a signer: one version's exact bytes by sha256, with
 * its deliverable's title.
 *
 * @example
 * v.parse(subjectFileSchema, { deliverableId: 'dlv_…', version: 1, title: 'Logo', filename: 'logo.pdf', mediaType: 'application/pdf', bytes: 2048, sha256: '…' })
 */
export const subjectFileSchema = v.strictObject({
  ...fileRef.entries,
  title: createDeliverableSchema.entries.title,
  filename,
  mediaType,
  bytes: int,
  sha256,
})

// Core's `SubjectFile` interface is exactly what the schema describes.
type _SubjectFileMatches = Assert<SameType<v.InferOutput<typeof subjectFileSchema>, SubjectFile>>

/**
 * Deliverables with the versions `visible` lets through; a deliverable with none is left out.
 *
 * @example
 * deliverableViews(deliverables, versions, () => true, true)
 */
export function deliverableViews(
  deliverables: Deliverable[],
  versions: FileVersion[],
  keep: (d: Deliverable, v: FileVersion) => boolean,
  staff: boolean,
): DeliverableView[] {
  return deliverables
    .map((d) => ({
      id: d.id,
      kind: d.kind,
      title: d.title,
      ...(staff && { visibility: d.visibility }),
      latestVersion: d.latestVersion,
      versions: versions
        .filter((v) => v.deliverableId === d.id && keep(d, v))
        .map(({ studioId: _s, projectId: _p, blobKey: _b, ...v }) => v),
    }))
    .filter((d) => staff || d.versions.length > 0)
}
