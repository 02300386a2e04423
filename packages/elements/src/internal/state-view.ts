import { html, nothing, type TemplateResult } from 'lit'

/** What a designed state page says: loading, empty, expired, not found, offline... */
export interface StateContent {
  /** Stable name, exposed as `data-state` for styling and tests. */
  state: string
  /** One glyph shown large above the title. */
  icon: string
  title: string
  body?: string
  action?: { label: string; run: () => void }
}

/**
 * A full-width state page with a title, a line of help and an optional action. Announced by
 * the element's live region, not by this markup.
 *
 * @example
 * stateView({ state: 'offline', icon: '↻', title: t.offline[0], action: { label: t.retry, run } })
 */
export function stateView(s: StateContent): TemplateResult {
  return html`<section class="state card" part="state" data-state=${s.state}>
    <span class="icon" aria-hidden="true">${s.icon}</span>
    <h2>${s.title}</h2>
    ${s.body ? html`<p class="muted">${s.body}</p>` : nothing}
    ${
      s.action
        ? html`<button class="btn primary" part="button" @click=${s.action.run}>
          ${s.action.label}
        </button>`
        : nothing
    }
  </section>`
}
