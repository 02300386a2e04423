import type { ProjectView } from '@atelier/core'

/**
 * Fired by `<project-tracker>` each time a project's view arrives (first load and every
 * refresh). `detail.project` is the client's projection of the project.
 *
 * @example
 * tracker.addEventListener('atelier-project-loaded', (e) => console.log(e.detail.project.name))
 */
export class AtelierProjectLoadedEvent extends CustomEvent<{ project: ProjectView }> {
  static readonly eventName = 'atelier-project-loaded'
  constructor(project: ProjectView) {
    super(AtelierProjectLoadedEvent.eventName, {
      bubbles: true,
      composed: true,
      detail: { project },
    })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'atelier-project-loaded': AtelierProjectLoadedEvent
  }
}
