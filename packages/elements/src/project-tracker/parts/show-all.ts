import { html, nothing, type TemplateResult } from 'lit'
import { fill } from '../../internal/locale.js'
import type { TrackerContext } from './context.js'

/**
 * The first `limit` of `items` until the client chose to see all of `section`, and the
 * "show all n" button that does so. Long timelines and file lists stay quick to render.
 */
export function firstOf<T>(
  ctx: TrackerContext,
  section: string,
  items: T[],
  limit: number,
): [T[], TemplateResult | typeof nothing] {
  if (ctx.expanded.has(section) || items.length <= limit) return [items, nothing]
  return [
    items.slice(0, limit),
    html`<button class="btn" part="button" @click=${() => ctx.expand(section)}>
      ${fill(ctx.t.showAll, { n: items.length })}
    </button>`,
  ]
}
