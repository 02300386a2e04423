import type { ProjectView } from '@atelier/core'
import { html, type TemplateResult } from 'lit'
import type { Formatter } from '../../internal/format.js'
import type { TrackerMessages } from './messages.js'

/** The client's projects, each a button that opens it in the tracker. */
export function listView(
  t: TrackerMessages,
  f: Formatter,
  projects: ProjectView[],
  open: (id: string) => void,
): TemplateResult {
  return html`<section class="stack" part="list">
    <h2 part="title">${t.listTitle}</h2>
    <ul class="stack">
      ${projects.map(
        (p) => html`<li>
          <button class="btn card project" part="project" @click=${() => open(p.id)}>
            <strong>${p.name}</strong>
            <span class="small muted">
              ${p.state ? t.stages[p.state] : ''}${p.updatedAt ? ` · ${f.date(p.updatedAt)}` : ''}
            </span>
          </button>
        </li>`,
      )}
    </ul>
  </section>`
}
