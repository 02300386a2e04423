import type { ItemInput } from '@atelier/core'

/**
 * Fired when the client has asked for changes and the server accepted it: from
 * `<project-tracker>`'s request form, and from `<project-signoff>` when the decision is
 * "request changes". `detail.projectId` is set when known (always from the tracker).
 *
 * @example
 * document.addEventListener('atelier-revision-requested', (e) => analytics.track(e.detail.items.length))
 */
export class AtelierRevisionRequestedEvent extends CustomEvent<{
  projectId?: string
  items: ItemInput[]
}> {
  static readonly eventName = 'atelier-revision-requested'
  constructor(items: ItemInput[], projectId?: string) {
    super(AtelierRevisionRequestedEvent.eventName, {
      bubbles: true,
      composed: true,
      detail: { items, ...(projectId && { projectId }) },
    })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'atelier-revision-requested': AtelierRevisionRequestedEvent
  }
}
