import type { SignoffPurpose } from '@atelier/core'
import { html, nothing, type TemplateResult } from 'lit'
import { fill } from '../../internal/locale.js'
import type { Outcome, SignoffContext } from './context.js'

const withChanges: readonly SignoffPurpose[] = ['proposal', 'review', 'final', 'change_order']

/** The outcomes a purpose allows: file sign-offs may ask for changes, the others are yes or no. */
export function outcomesFor(purpose: SignoffPurpose): Outcome[] {
  return withChanges.includes(purpose)
    ? ['approved', 'changes_requested', 'declined']
    : ['approved', 'declined']
}

const value = (e: Event) => (e.target as HTMLInputElement).value

function itemsView(ctx: SignoffContext): TemplateResult {
  const { t, draft, view } = ctx
  const nameOf = (file: { deliverableId: string; version: number }) =>
    view.signoff.files.find(
      (f) => f.deliverableId === file.deliverableId && f.version === file.version,
    )?.filename ?? ''
  return html`<div class="stack" part="changes">
    <h4>${t.changes}</h4>
    <ol class="items">
      ${draft.items.map(
        (item, i) => html`<li class="item">
          <div class="row">
            <span class="num" aria-hidden="true">${i + 1}</span>
            <label for=${`item-${i}`}>${fill(t.item, { n: i + 1 })}</label>
            ${
              item.file
                ? html`<span class="small muted">
                  ${fill(item.pin ? t.pinnedOn : t.onFile, { file: nameOf(item.file) })}
                </span>`
                : nothing
            }
            <button type="button" class="btn remove" part="button" @click=${() => ctx.updateItem(i, null)}>
              ${t.remove}
            </button>
          </div>
          <textarea
            id=${`item-${i}`}
            rows="2"
            maxlength="2000"
            part="input"
            .value=${item.text}
            @input=${(e: Event) => ctx.updateItem(i, { text: value(e) })}
          ></textarea>
        </li>`,
      )}
    </ol>
    <button type="button" class="btn add" part="button" @click=${() => ctx.addItem()}>
      ${t.addItem}
    </button>
  </div>`
}

/** The decision: outcome, changes (with pins), comment, the typed name, one submit. */
export function decisionFormView(ctx: SignoffContext): TemplateResult {
  const { t, draft } = ctx
  const outcome = draft.outcome
  return html`<form class="card stack" part="form" novalidate @submit=${ctx.submit}>
    <fieldset class="outcomes">
      <legend><h3>${t.decision}</h3></legend>
      ${outcomesFor(ctx.view.signoff.purpose).map(
        (o) => html`<label class="outcome ${o}" part="outcome">
          <input
            type="radio"
            name="outcome"
            value=${o}
            .checked=${outcome === o}
            @change=${() => ctx.update({ outcome: o, error: undefined })}
          />
          ${t.outcomes[o]}
        </label>`,
      )}
    </fieldset>
    ${outcome === 'changes_requested' ? itemsView(ctx) : nothing}
    ${
      outcome
        ? html`<div class="stack tight">
          <label for="comment">${t.comment[outcome]}</label>
          <textarea
            id="comment"
            rows="3"
            maxlength="5000"
            part="input"
            .value=${draft.comment}
            @input=${(e: Event) => ctx.update({ comment: value(e) })}
          ></textarea>
        </div>`
        : nothing
    }
    <div class="stack tight">
      <label for="name">${t.name}</label>
      <input
        id="name"
        part="input name-input"
        autocomplete="name"
        maxlength="120"
        aria-describedby="name-hint"
        .value=${draft.name}
        @input=${(e: Event) => ctx.update({ name: value(e) })}
      />
      <p id="name-hint" class="small muted">${t.nameHint}</p>
    </div>
    ${draft.error ? html`<p class="err" role="alert">${draft.error}</p>` : nothing}
    <div class="row">
      <button class="btn primary" part="button submit" ?disabled=${draft.busy} aria-busy=${draft.busy}>
        ${draft.busy ? t.sending : t.submit[outcome ?? 'approved']}
      </button>
    </div>
  </form>`
}
