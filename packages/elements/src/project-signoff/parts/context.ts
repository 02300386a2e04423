import type { SignerView, SubjectFile } from '@atelier/core'
import type { Formatter } from '../../internal/format.js'
import type { SignoffMessages } from './messages.js'

/** An outcome the signer may choose. */
export type Outcome = 'approved' | 'changes_requested' | 'declined'

/** One change being written: optionally about a file, optionally pinned on its preview. */
export interface DraftItem {
  text: string
  file?: { deliverableId: string; version: number }
  pin?: { x: number; y: number }
}

/** The decision being prepared. */
export interface Draft {
  outcome?: Outcome
  name: string
  comment: string
  items: DraftItem[]
  error?: string
  busy: boolean
}

/** What the sign-off page's renderers read and call back into. */
export interface SignoffContext {
  t: SignoffMessages
  f: Formatter
  view: SignerView
  draft: Draft
  preview(file: SubjectFile): string | undefined
  download(file: SubjectFile): void
  /** Adds a change about `file`, pinned at (x, y) in 0..1 when given. */
  addItem(file?: SubjectFile, pin?: { x: number; y: number }): void
  /** Moves the newest pin on `file` by (dx, dy). */
  movePin(file: SubjectFile, dx: number, dy: number): void
  update(patch: Partial<Draft>): void
  updateItem(i: number, patch: Partial<DraftItem> | null): void
  submit(e: SubmitEvent): void
}

/** True when `item` is about `file`. */
export const isOn = (item: DraftItem, file: SubjectFile): boolean =>
  item.file?.deliverableId === file.deliverableId && item.file.version === file.version
