/**
 * `@atelier/elements`: the web components a design studio's clients see. This entry only
 * exports the classes, events and helpers; it registers nothing. Import
 * `@atelier/elements/define` (or load a script-tag bundle) to register the tags.
 *
 * @example
 * import { ProjectTracker } from '@atelier/elements'
 * customElements.define('project-tracker', ProjectTracker)
 */
export { AtelierProjectLoadedEvent } from './events/project-loaded.js'
export { AtelierRevisionRequestedEvent } from './events/revision-requested.js'
export { AtelierSignoffDecidedEvent } from './events/signoff-decided.js'
export { AtelierSignoffOpenEvent } from './events/signoff-open.js'
export { ApiError } from './internal/api-client.js'
export { AtelierElement } from './internal/atelier-element.js'
export { type Locale, localeOf } from './internal/locale.js'
export { apiBase, safeUrl } from './internal/safe-url.js'
export { ProjectSignoff } from './project-signoff/project-signoff.js'
export { ProjectTracker } from './project-tracker/project-tracker.js'
