import * as v from 'valibot'
import type { ByteRange } from '../blob/blob-store.js'
import { idOf, line, text } from '../internal/atoms.js'

export const deliverableKinds = ['proposal', 'design', 'final', 'source'] as const
export type DeliverableKind = (typeof deliverableKinds)[number]

/** A thing the studio makes for a project; its files are its versions. */
export interface Deliverable {
  id: string
  studioId: string
  projectId: string
  kind: DeliverableKind
  title: string
  /** `internal` deliverables (working files) sit behind the line of visibility. */
  visibility: 'client' | 'internal'
  /** Number of the newest version; 0 before the first upload. */
  latestVersion: number
  createdAt: string
  updatedAt: string
  version: number
}

/** One uploaded file of a deliverable, bound to its exact bytes by sha256. */
export interface FileVersion {
  studioId: string
  projectId: string
  deliverableId: string
  n: number
  sha256: string
  bytes: number
  mediaType: string
  filename: string
  note?: string
  blobKey: string
  /** The revision round this version was made in, when uploaded during one. */
  round?: number
  createdAt: string
}

export const createDeliverableSchema = v.strictObject({
  projectId: idOf('prj'),
  kind: v.picklist(deliverableKinds),
  title: line(160),
  visibility: v.optional(v.picklist(['client', 'internal']), 'client'),
})
export type CreateDeliverableInput = v.InferInput<typeof createDeliverableSchema>

const mediaType = v.pipe(
  v.string(),
  v.regex(
    /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i,
    'must be a media type',
  ),
  v.toLowerCase(),
)

/** A single-line name (no control or bidirectional characters, NFC) that names no folder. */
const filename = v.pipe(
  line(255),
  v.check(
    (s) => !s.includes('/') && !s.includes('\\') && s !== '.' && s !== '..',
    'must be a plain file name',
  ),
)

/** Metadata of a version upload; the bytes come separately as a stream. */
export const addVersionSchema = v.strictObject({
  deliverableId: idOf('dlv'),
  filename,
  mediaType,
  note: v.optional(text(2_000)),
})
export type AddVersionInput = v.InferInput<typeof addVersionSchema>

/** A deliverable with its versions, oldest first. */
export type DeliverableWithVersions = Deliverable & { versions: FileVersion[] }

/** An opened file: its metadata and a stream of its bytes. */
export interface OpenedFile {
  file: FileVersion
  /**
   * The bytes, or one range of them read without what comes before it (an HTTP `Range`
   * request). Nothing is read from the blob store before this is called, so an answer that
   * sends no bytes (a `304`) reads none. Throws `gone` when the blob store has lost them.
   */
  read(range?: ByteRange): Promise<ReadableStream<Uint8Array>>
}
