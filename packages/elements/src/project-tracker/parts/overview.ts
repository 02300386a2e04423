import type { StageView } from '@atelier/core'
import { html, nothing, type TemplateResult } from 'lit'
import { fill } from '../../internal/locale.js'
import type { TrackerContext } from './context.js'

/** The project's name, codename (hidden title or confidential) and current stage. */
export function headerView({ t, view }: TrackerContext): TemplateResult {
  const state = view.state
  const level = t.confidential[view.confidentiality]
  return html`<header part="header">
    <div class="row">
      <h2 part="title">${view.name}</h2>
      ${view.title && !level ? nothing : html`<span class="chip">${fill(t.codename, { codename: view.codename })}</span>`}
      ${level ? html`<span class="chip">${level}</span>` : nothing}
    </div>
    ${state ? html`<p class="now">${fill(t.stageNow, { stage: t.stages[state] })}</p>` : nothing}
    ${
      state === 'closed' || state === 'cancelled'
        ? html`<p class="banner" role="note">${t.terminal[state]}</p>`
        : nothing
    }
  </header>`
}

function stageDate({ t, f }: TrackerContext, s: StageView): string {
  const at = s.status === 'done' ? (s.leftAt ?? s.enteredAt) : s.enteredAt
  if (s.status === 'current' && at) return fill(t.since, { date: f.date(at) })
  return s.status === 'done' && at ? f.date(at) : (s.reason ?? '')
}

/** The eight stages in order: done with dates, the current one marked, the rest upcoming. */
export function stagesView(ctx: TrackerContext): TemplateResult {
  const { t } = ctx
  return html`<section class="card">
    <h3 class="sr">${t.progress}</h3>
    <ol class="stages" part="stages">
      ${(ctx.view.stages ?? []).map(
        (s) => html`<li
          class="stage ${s.status}"
          part="stage stage-${s.status}"
          aria-current=${s.status === 'current' ? 'step' : nothing}
        >
          <span class="dot" aria-hidden="true">${s.status === 'done' ? '✓' : s.n}</span>
          <span class="label">${t.stages[s.key]}</span>
          <span class=${s.status === 'skipped' || s.status === 'not_needed' ? 'when small muted' : 'sr'}>
            ${t.status[s.status]}
          </span>
          <span class="when small muted">${stageDate(ctx, s)}</span>
        </li>`,
      )}
    </ol>
  </section>`
}
