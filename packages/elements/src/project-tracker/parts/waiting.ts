import type { RoundView } from '@atelier/core'
import { html, nothing, type TemplateResult } from 'lit'
import { fill } from '../../internal/locale.js'
import type { TrackerContext } from './context.js'

/** What the studio waits for from the client: pending sign-offs to open, brief fields. */
export function waitingView(ctx: TrackerContext): TemplateResult {
  const { t, f, view } = ctx
  const items = view.waitingFor ?? []
  return html`<section class="card waiting" part="waiting">
    <h3>${t.waiting}</h3>
    ${
      items.length === 0
        ? html`<p class="muted">${t.waitingNone}</p>`
        : html`<ul class="stack">
          ${items.map((w) =>
            w.kind === 'signoff'
              ? html`<li class="row todo">
                  <div>
                    <strong>${t.purpose[w.purpose]}</strong>
                    <p class="small muted">${fill(t.respondBy, { date: f.date(w.expiresAt) })}</p>
                  </div>
                  <button
                    class="btn primary"
                    part="button open-signoff"
                    aria-label=${`${t.open}: ${t.purpose[w.purpose]}`}
                    @click=${() => ctx.openSignoff(w.signoffId, w.purpose)}
                  >
                    ${t.open}
                  </button>
                </li>`
              : html`<li class="row todo">
                  ${t.briefMissing}
                </li>`,
          )}
        </ul>`
    }
  </section>`
}

function roundLine(ctx: TrackerContext, r: RoundView): TemplateResult {
  const { t, f } = ctx
  const changeOrder = ctx.view.signoffs?.find(
    (s) => s.purpose === 'change_order' && s.round === r.n && s.status === 'pending',
  )
  return html`<li class="round">
    <div class="row">
      <strong>${fill(t.round, { n: r.n })}</strong>
      <span class="chip ${r.status}">${t.roundStatus[r.status]}</span>
    </div>
    ${r.summary.total ? html`<p class="small muted">${fill(t.roundSummary, r.summary)}</p>` : nothing}
    ${
      r.billable && r.quote
        ? html`<p class="small">
          ${fill(t.quote, { days: f.days(r.quote.days), fee: f.money(r.quote.fee) })}
        </p>`
        : nothing
    }
    ${
      changeOrder
        ? html`<button
          class="btn primary"
          part="button open-signoff"
          @click=${() => ctx.openSignoff(changeOrder.id, 'change_order')}
        >
          ${t.acceptQuote}
        </button>`
        : nothing
    }
  </li>`
}

/** Rounds used of included, extra paid rounds, each round's state and a quote to accept. */
export function roundsView(ctx: TrackerContext): TemplateResult | typeof nothing {
  const { t, view } = ctx
  const usage = view.roundsUsage
  if (!usage) return nothing
  const rounds = [...(view.rounds ?? [])].sort((a, b) => b.n - a.n)
  return html`<section class="card" part="rounds">
    <h3>${t.revisions}</h3>
    <p>${fill(t.roundsUsed, usage)}</p>
    ${rounds.length ? html`<ul class="stack">${rounds.map((r) => roundLine(ctx, r))}</ul>` : nothing}
  </section>`
}
