import type { ProjectView, Receipt } from '@atelier/core'

type Signoff = NonNullable<ProjectView['signoffs']>[number]

/**
 * Fired by `<project-signoff>` when the server has recorded the signer's decision.
 * `detail.signoff` is the sign-off as it now is; `detail.receipt` the signed receipt of an
 * approval.
 *
 * @example
 * el.addEventListener('atelier-signoff-decided', (e) => {
 *   if (e.detail.receipt) console.log('receipt', e.detail.receipt.id)
 * })
 */
export class AtelierSignoffDecidedEvent extends CustomEvent<{
  signoff: Signoff
  receipt?: Receipt
}> {
  static readonly eventName = 'atelier-signoff-decided'
  constructor(signoff: Signoff, receipt?: Receipt) {
    super(AtelierSignoffDecidedEvent.eventName, {
      bubbles: true,
      composed: true,
      detail: { signoff, ...(receipt && { receipt }) },
    })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'atelier-signoff-decided': AtelierSignoffDecidedEvent
  }
}
