import type { ActivityView } from '@atelier/core'
import { html, nothing, type TemplateResult } from 'lit'
import { fill } from '../../internal/locale.js'
import type { TrackerContext } from './context.js'
import { firstOf } from './show-all.js'

function describe(ctx: TrackerContext, a: ActivityView, titles: Map<string, string>): string {
  const { t, f } = ctx
  const d = a.data as Record<string, string>
  const message = t.actions[a.action]
  // An action without words of its own (a rare or newer one) reads as a plain update.
  if (!message) return t.updated
  const fee = a.data.fee as { amount: number; currency: string } | undefined
  return fill(message, {
    ...d,
    to: t.stages[d.to as 'closed'] ?? d.to,
    title: titles.get(d.deliverableId!) ?? '',
    purpose: t.purpose[d.purpose as 'final'] ?? '',
    outcome: t.outcome[d.outcome as 'approved'] ?? '',
    status: t.resolved[d.status!] ?? '',
    fee: fee ? f.money(fee) : '',
  })
}

/** The client-visible activity, newest first; the first eight until the client asks for all. */
export function activityView(ctx: TrackerContext): TemplateResult {
  const { t, f } = ctx
  const all = ctx.view.activity ?? []
  const [shown, more] = firstOf(ctx, 'activity', all, 8)
  const titles = new Map((ctx.view.deliverables ?? []).map((d) => [d.id, d.title]))
  return html`<section class="card" part="activity">
    <h3>${t.activity}</h3>
    ${
      all.length
        ? html`<ol class="timeline">
          ${shown.map(
            (a) => html`<li>
              <span class="small muted"><time datetime=${a.at}>${f.dateTime(a.at)}</time> · ${a.actor.label}</span>
              ${describe(ctx, a, titles)}
            </li>`,
          )}
        </ol>`
        : html`<p class="muted">${t.activityEmpty}</p>`
    }
    ${more}
  </section>`
}

/** Aftercare: warranty days left, and the licence the files were delivered under. */
export function aftercareView(ctx: TrackerContext): TemplateResult | typeof nothing {
  const { t, f, view } = ctx
  const { warranty, delivery } = view
  if (!warranty && !delivery) return nothing
  return html`<section class="card" part="aftercare">
    <h3>${t.aftercare}</h3>
    ${
      warranty
        ? html`<p class="warranty ${warranty.active ? 'active' : 'ended'}" part="warranty">
          ${
            warranty.active
              ? fill(t.warrantyLeft, {
                  days: f.days(warranty.daysLeft),
                  date: f.date(warranty.endsAt),
                })
              : fill(t.warrantyEnded, { date: f.date(warranty.endsAt) })
          }
        </p>`
        : nothing
    }
    ${delivery ? html`<p class="small muted">${fill(t.licence, { licence: delivery.licence })}</p>` : nothing}
  </section>`
}
