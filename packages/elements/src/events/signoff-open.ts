import type { SignoffPurpose } from '@atelier/core'

/**
 * Fired by `<project-tracker>` when the client presses "open" on a pending sign-off. Cancelable:
 * call `preventDefault()` to show the sign-off your own way (for example on another page);
 * otherwise the tracker opens `<project-signoff>` in a dialog with the client's token.
 *
 * @example
 * tracker.addEventListener('atelier-signoff-open', (e) => {
 *   e.preventDefault()
 *   location.assign(`/approve?id=${e.detail.signoffId}`)
 * })
 */
export class AtelierSignoffOpenEvent extends CustomEvent<{
  signoffId: string
  purpose: SignoffPurpose
}> {
  static readonly eventName = 'atelier-signoff-open'
  constructor(signoffId: string, purpose: SignoffPurpose) {
    super(AtelierSignoffOpenEvent.eventName, {
      bubbles: true,
      composed: true,
      cancelable: true,
      detail: { signoffId, purpose },
    })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'atelier-signoff-open': AtelierSignoffOpenEvent
  }
}
