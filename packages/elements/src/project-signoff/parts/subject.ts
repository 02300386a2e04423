import type { SubjectFile } from '@atelier/core'
import { html, nothing, type TemplateResult } from 'lit'
import { styleMap } from 'lit/directives/style-map.js'
import { isImage } from '../../internal/file-urls.js'
import { shortSha } from '../../internal/format.js'
import { fill } from '../../internal/locale.js'
import { isOn, type SignoffContext } from './context.js'

const STEP = 0.05

function pinAt(ctx: SignoffContext, file: SubjectFile, e: MouseEvent): void {
  const img = (e.currentTarget as HTMLElement).querySelector('img')
  if (!img || e.detail === 0) {
    ctx.addItem(file, { x: 0.5, y: 0.5 })
    return
  }
  const r = img.getBoundingClientRect()
  const clamp = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 1000) / 1000
  ctx.addItem(file, {
    x: clamp((e.clientX - r.left) / r.width),
    y: clamp((e.clientY - r.top) / r.height),
  })
}

function onKey(ctx: SignoffContext, file: SubjectFile, e: KeyboardEvent): void {
  const moves: Record<string, [number, number]> = {
    ArrowLeft: [-STEP, 0],
    ArrowRight: [STEP, 0],
    ArrowUp: [0, -STEP],
    ArrowDown: [0, STEP],
  }
  const move = moves[e.key]
  if (!move) return
  e.preventDefault()
  ctx.movePin(file, ...move)
}

function preview(ctx: SignoffContext, file: SubjectFile, pinning: boolean): TemplateResult {
  const src = isImage(file.mediaType) ? ctx.preview(file) : undefined
  const ext = file.filename.split('.').pop()?.slice(0, 4).toUpperCase()
  const markers = ctx.draft.items.map((item, i) =>
    item.pin && isOn(item, file)
      ? html`<span
          class="marker"
          part="pin"
          aria-hidden="true"
          style=${styleMap({ left: `${item.pin.x * 100}%`, top: `${item.pin.y * 100}%` })}
          >${i + 1}</span
        >`
      : nothing,
  )
  const image = src
    ? html`<img src=${src} alt=${file.title} />`
    : html`<span class="ext">${ext}</span>`
  return html`<div class="preview" part="preview">
    ${
      src && pinning
        ? html`<button
            type="button"
            class="pin-target"
            aria-label=${fill(ctx.t.pinTarget, { file: file.filename })}
            @click=${(e: MouseEvent) => pinAt(ctx, file, e)}
            @keydown=${(e: KeyboardEvent) => onKey(ctx, file, e)}
          >
            ${image}
          </button>`
        : image
    }${markers}
  </div>`
}

/** The files to approve: previews (pin targets while requesting changes), names, sizes, sha256. */
export function filesView(ctx: SignoffContext): TemplateResult | typeof nothing {
  const { t, f, view } = ctx
  const pinning = ctx.draft.outcome === 'changes_requested'
  if (!view.signoff.files.length) return nothing
  return html`<section class="stack" aria-labelledby="files">
    <h3 id="files">${t.files}</h3>
    ${pinning ? html`<p class="small muted">${t.pinHint}</p>` : nothing}
    <ul class="subject">
      ${view.signoff.files.map(
        (file) => html`<li class="card subject-file" part="file">
          ${preview(ctx, file, pinning)}
          <div class="meta">
            <strong>${file.title}</strong>
            <span class="small">${file.filename} · ${f.bytes(file.bytes)}</span>
            <span class="small muted" title=${file.sha256}>
              ${t.sha} <code>${shortSha(file.sha256)}</code>
            </span>
          </div>
          <div class="row">
            <button
              type="button"
              class="btn"
              part="button download"
              aria-label=${fill(t.downloadFile, { name: file.filename })}
              @click=${() => ctx.download(file)}
            >
              ↓ ${t.download}
            </button>
            ${
              pinning
                ? html`<button type="button" class="btn" part="button" @click=${() => ctx.addItem(file)}>
                  ${t.commentOnFile}
                </button>`
                : nothing
            }
          </div>
        </li>`,
      )}
    </ul>
  </section>`
}

/** What else the decision covers: the round's resolution map, a quote, a party, a portfolio. */
export function termsView({ t, f, view }: SignoffContext): TemplateResult {
  const s = view.signoff
  const r = s.resolutions
  return html`${
    r
      ? html`<section class="card stack" part="resolutions">
        <h3>${fill(t.resolutions, { round: r.round, total: r.total, addressed: r.addressed, declined: r.declined })}</h3>
        <ol class="resolutions">
          ${r.items.map(
            (i) => html`<li>
              <span class="chip is-${i.status}">${t.itemStatus[i.status]}</span>
              <span>${i.text}</span>
              ${i.note ? html`<span class="small muted">${i.note}</span>` : nothing}
            </li>`,
          )}
        </ol>
      </section>`
      : nothing
  }
  ${
    s.quote
      ? html`<section class="card" part="quote">
        <h3>${t.quote}</h3>
        <dl class="terms">
          <dt>${t.quoteScope}</dt>
          <dd><ul>${s.quote.scope.map((line) => html`<li>${line}</li>`)}</ul></dd>
          <dt>${t.quoteDays}</dt>
          <dd>${f.days(s.quote.days)}</dd>
          <dt>${t.quoteFee}</dt>
          <dd class="fee">${f.money(s.quote.fee)}</dd>
        </dl>
        ${s.quote.note ? html`<p class="small muted">${s.quote.note}</p>` : nothing}
      </section>`
      : nothing
  }
  ${
    s.party
      ? html`<p class="card">
        ${fill(t.party, { party: [s.party.name, s.party.organisation].filter(Boolean).join(' · ') })}
      </p>`
      : nothing
  }
  ${
    s.portfolio
      ? html`<p class="card">
        ${fill(t.portfolio, { scope: new Intl.ListFormat(f.locale).format(s.portfolio.scope) })}
        ${s.portfolio.embargoUntil ? fill(t.embargo, { date: f.date(s.portfolio.embargoUntil) }) : ''}
      </p>`
      : nothing
  }`
}
