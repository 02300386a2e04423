import type { DeliverableView, VersionView } from '@atelier/core'
import { html, type TemplateResult } from 'lit'
import { isImage } from '../../internal/file-urls.js'
import { fill } from '../../internal/locale.js'
import type { TrackerContext } from './context.js'
import { firstOf } from './show-all.js'

function downloadButton(ctx: TrackerContext, v: VersionView): TemplateResult {
  return html`<button
    class="btn"
    part="button download"
    aria-label=${fill(ctx.t.downloadFile, { name: v.filename })}
    @click=${() => ctx.download(v)}
  >
    ↓ ${ctx.t.download}
  </button>`
}

function meta(ctx: TrackerContext, v: VersionView): string {
  const { t, f } = ctx
  return `${fill(t.version, { n: v.n })} · ${f.bytes(v.bytes)} · ${f.date(v.createdAt)}`
}

function deliverable(ctx: TrackerContext, d: DeliverableView, latest: VersionView): TemplateResult {
  const src = isImage(latest.mediaType) ? ctx.thumbnail(latest) : undefined
  return html`<li class="file" part="file">
    <figure class="thumb" part="thumbnail">
      ${src ? html`<img src=${src} alt="" />` : html`<span aria-hidden="true">${latest.filename.split('.').pop()?.toUpperCase()}</span>`}
    </figure>
    <strong>${d.title}</strong>
    <span class="small muted">${latest.filename}</span>
    <span class="small muted">${meta(ctx, latest)}</span>
    ${downloadButton(ctx, latest)}
  </li>`
}

/**
 * The latest version of each deliverable, newest first, with a thumbnail for images and a
 * download; the first twelve until the client asks for all.
 */
export function filesView(ctx: TrackerContext): TemplateResult {
  const { t } = ctx
  const latest = (ctx.view.deliverables ?? [])
    .filter((d) => d.versions.length)
    .map((d) => [d, d.versions.reduce((a, b) => (b.n > a.n ? b : a))] as const)
    .sort((a, b) => b[1].createdAt.localeCompare(a[1].createdAt))
  const [shown, more] = firstOf(ctx, 'files', latest, 12)
  return html`<section class="card" part="files">
    <h3>${t.files}</h3>
    ${
      shown.length
        ? html`<ul class="files">${shown.map(([d, v]) => deliverable(ctx, d, v))}</ul>`
        : html`<p class="muted">${t.filesEmpty}</p>`
    }
    ${more}
  </section>`
}
