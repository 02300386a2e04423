import type { ProjectView, SignoffPurpose, VersionView } from '@atelier/core'
import type { Formatter } from '../../internal/format.js'
import type { TrackerMessages } from './messages.js'

/** What the tracker's section renderers read and call back into. */
export interface TrackerContext {
  t: TrackerMessages
  f: Formatter
  view: ProjectView
  /** Opens a pending sign-off (fires `atelier-signoff-open`, then the dialog). */
  openSignoff(signoffId: string, purpose: SignoffPurpose): void
  /** Downloads one file version with the token. */
  download(file: VersionView): void
  /** Sections the client chose to see in full ("show all"). */
  expanded: ReadonlySet<string>
  expand(section: string): void
  /** The object URL of an image version's thumbnail, once loaded. */
  thumbnail(file: VersionView): string | undefined
}
