/**
 * Registers `<project-signoff>` (once: a page that already has it keeps its own).
 *
 * @example
 * import '@atelier/elements/define/project-signoff'
 */
import { ProjectSignoff } from '../project-signoff/project-signoff.js'

if (!customElements.get('project-signoff')) customElements.define('project-signoff', ProjectSignoff)
