/**
 * Registers `<project-tracker>` (once). `<project-signoff>`, which the tracker opens for a
 * pending sign-off, is loaded on demand the first time it is needed.
 *
 * @example
 * import '@atelier/elements/define/project-tracker'
 */
import { ProjectTracker } from '../project-tracker/project-tracker.js'

ProjectTracker.loadSignoff ??= () => import('./project-signoff.js')
if (!customElements.get('project-tracker')) customElements.define('project-tracker', ProjectTracker)
