import type { ProjectView, SignoffPurpose } from '@atelier/core'
import { Task, TaskStatus } from '@lit/task'
import { html, nothing, type TemplateResult } from 'lit'
import { AtelierProjectLoadedEvent } from '../events/project-loaded.js'
import { AtelierSignoffOpenEvent } from '../events/signoff-open.js'
import { ApiError, apiClient } from '../internal/api-client.js'
import { AtelierElement } from '../internal/atelier-element.js'
import { FileUrls, saveBlob } from '../internal/file-urls.js'
import { formatter, warm } from '../internal/format.js'
import { apiBase } from '../internal/safe-url.js'
import { sharedStyles } from '../internal/shared.styles.js'
import { stateView } from '../internal/state-view.js'
import type { ProjectSignoff } from '../project-signoff/project-signoff.js'
import { activityView, aftercareView } from './parts/activity.js'
import type { TrackerContext } from './parts/context.js'
import { filesView } from './parts/files.js'
import { listView } from './parts/list.js'
import { clientFilePath, type Loaded, loadTracker, tokenFromUrl } from './parts/load.js'
import { type TrackerMessages, trackerMessages } from './parts/messages.js'
import { headerView, stagesView } from './parts/overview.js'
import { trackerState } from './parts/states.js'
import { roundsView, waitingView } from './parts/waiting.js'
import { trackerStyles } from './project-tracker.styles.js'

const refreshOn = ['visibilitychange', 'online', 'hashchange']

/**
 * A client's live view of their design project (or their list of projects): the eight stages
 * with dates, what the studio is waiting for, revision rounds, the latest files with
 * thumbnails and downloads, the activity timeline and, in aftercare, the warranty left.
 * Refreshes when the tab becomes visible again and when the network comes back.
 *
 * @summary The client's project tracker for a studio's own website.
 * @tagname project-tracker
 *
 * @event atelier-project-loaded - `AtelierProjectLoadedEvent`: a project's view arrived (each load and refresh); `detail.project`.
 * @event atelier-signoff-open - `AtelierSignoffOpenEvent` (cancelable): the client pressed "review" on a pending sign-off; `detail.signoffId`, `detail.purpose`.
 * @event atelier-signoff-decided - `AtelierSignoffDecidedEvent`, bubbling from the sign-off dialog: the client decided a sign-off.
 * @event atelier-revision-requested - `AtelierRevisionRequestedEvent`, bubbling from the sign-off dialog: the client asked for changes.
 *
 * @csspart base - The wrapper of everything the element shows.
 * @csspart header - The project's name, codename and current stage.
 * @csspart title - The project name (and the list heading).
 * @csspart stages - The list of the eight stages.
 * @csspart stage - One stage; also `stage-done`, `stage-current`, `stage-upcoming`, `stage-skipped`, `stage-not_needed`.
 * @csspart waiting - What the studio is waiting for from the client.
 * @csspart rounds - Revision rounds used of included.
 * @csspart files - The files section.
 * @csspart file - One deliverable card.
 * @csspart thumbnail - A file's thumbnail or type badge.
 * @csspart activity - The activity timeline.
 * @csspart aftercare - Warranty left, delivery date and licence.
 * @csspart warranty - The warranty line.
 * @csspart list - The client's list of projects.
 * @csspart project - One project in the list.
 * @csspart button - Every button; also `open-signoff` and `download` on those buttons.
 * @csspart state - A state page: loading, empty, expired link, not found, offline.
 * @csspart dialog - The dialog a sign-off opens in.
 *
 * @cssproperty --atelier-accent - Brand colour of buttons and the current stage. Default: `light-dark(#3150c8, #9db0ff)`.
 * @cssproperty --atelier-on-accent - Text on the accent colour. Default: `light-dark(#fff, #0c1130)`.
 * @cssproperty --atelier-text - Body text colour.
 * @cssproperty --atelier-muted - Secondary text colour (AA on surface and subtle).
 * @cssproperty --atelier-surface - Card background.
 * @cssproperty --atelier-subtle - Quiet backgrounds (chips, thumbnails, skeletons).
 * @cssproperty --atelier-border - Card and control borders.
 * @cssproperty --atelier-success - Done and approved.
 * @cssproperty --atelier-danger - Errors.
 * @cssproperty --atelier-radius - Corner radius of cards. Default: `12px`.
 * @cssproperty --atelier-space - Base spacing. Default: `1rem`.
 * @cssproperty --atelier-font - Font family. Default: inherited from the page.
 * @cssproperty --atelier-focus - Focus ring colour. Default: the accent.
 */
export class ProjectTracker extends AtelierElement {
  static override styles = [sharedStyles, trackerStyles]

  static override properties = {
    api: {},
    project: {},
    token: {},
    tokenFrom: { attribute: 'token-from' },
    selected: { state: true, attribute: false },
    expanded: { state: true, attribute: false },
    dialog: { state: true, attribute: false },
    live: { state: true, attribute: false },
  }

  /**
   * Loads `<project-signoff>` when the page has not registered it and a sign-off is opened.
   * Set by the `define` entries and the script-tag bundle.
   */
  static loadSignoff?: () => Promise<unknown>

  /** Base URL of the Atelier API; `https:` or this page's origin. Default: this page's origin. */
  api = ''

  /** Project id. Without it, the client's list of projects. */
  project?: string

  /** Client token (`atl_ct_…`). Prefer `token-from` for access links. */
  token?: string

  /** Read the token from `t` in the page URL: `hash` (access links `#t=…`) or `query`. */
  tokenFrom?: 'hash' | 'query'

  /** @internal */
  private selected?: string
  /** @internal */
  private expanded = new Set<string>()
  /** @internal */
  private dialog?: string
  /** @internal */
  private live: 'updated' | 'failed' | '' = ''

  // An SVG's thumbnail is drawn as a PNG by <project-signoff>'s code, loaded when first needed.
  #files = new FileUrls(this, async (blob) => {
    await ProjectTracker.loadSignoff?.()
    return (customElements.get('project-signoff') as typeof ProjectSignoff).rasterise(blob)
  })
  #last?: { key: string; value: Loaded }

  #task = new Task(this, {
    args: () => [apiBase(this.api), this.#token(), this.project ?? this.selected] as const,
    task: ([base, token, id], { signal }) => {
      if (!base) throw new ApiError(0, 'bad_api')
      if (!token) throw new ApiError(0, 'no_token')
      const loading = loadTracker(apiClient(base, token), id, signal)
      // Building Intl formatters is slow the first time in a page: do it while the request runs.
      warm(formatter(this.locale))
      return loading
    },
    onComplete: (value) => {
      const before = this.#current()
      this.#last = { key: this.#key(), value }
      if (value.kind !== 'project') return
      const mark = (v: ProjectView) => `${v.updatedAt}|${v.activity?.[0]?.seq}`
      if (before?.kind === 'project' && mark(before.view) !== mark(value.view))
        this.live = 'updated'
      this.dispatchEvent(new AtelierProjectLoadedEvent(value.view))
    },
  })

  #token(): string | undefined {
    return this.token || tokenFromUrl(this.tokenFrom)
  }

  #key(): string {
    return `${this.api}|${this.#token()}|${this.project ?? this.selected}`
  }

  /** The last loaded value for the current attributes, kept while refreshing or offline. */
  #current(): Loaded | undefined {
    return this.#last?.key === this.#key() ? this.#last.value : undefined
  }

  #api() {
    return apiClient(apiBase(this.api) ?? '', this.#token() ?? '')
  }

  /** Reloads when the tab is visible again, the network is back or the access link changed. */
  #refresh = (): void => {
    if (document.visibilityState === 'visible') void this.#task.run()
  }

  override connectedCallback(): void {
    super.connectedCallback()
    // visibilitychange bubbles from the document to the window.
    for (const type of refreshOn) addEventListener(type, this.#refresh)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    for (const type of refreshOn) removeEventListener(type, this.#refresh)
  }

  #openSignoff = async (id: string, purpose: SignoffPurpose): Promise<void> => {
    if (!this.dispatchEvent(new AtelierSignoffOpenEvent(id, purpose))) return
    if (!customElements.get('project-signoff')) await ProjectTracker.loadSignoff?.().catch(() => {})
    this.dialog = id
    await this.updateComplete
    this.renderRoot.querySelector('dialog')?.showModal()
  }

  override render(): TemplateResult {
    const locale = this.locale
    const t = trackerMessages[locale]
    const value = this.#current()
    const error = this.#task.status === TaskStatus.ERROR ? this.#task.error : undefined
    const code = error ? (error instanceof ApiError ? error.code : 'failed') : ''
    let live = this.live === 'failed' ? t.pages.failed![1]! : this.live ? t.updated : ''
    let body: TemplateResult
    if (value && (!code || code === 'offline')) {
      body = html`${code ? html`<p class="banner">${t.pages.offline![0]}</p>` : nothing}
        ${this.#data(t, value)}`
      if (code) live = t.pages.offline![0]!
    } else if (code) {
      const page = trackerState(code, t, () => void this.#task.run())
      live = page.title
      body = stateView(page)
    } else {
      live = t.loading
      body = html`<div class="stack" data-state="loading">
        <p class="muted">${t.loading}</p>
        <div class="skeleton"></div>
        <div class="grid"><div class="skeleton tall"></div><div class="skeleton tall"></div></div>
      </div>`
    }
    return html`<div part="base" class="base" lang=${locale}>
      <div role="status" class="sr">${live}</div>
      ${body}
    </div>`
  }

  #data(t: TrackerMessages, value: Loaded): TemplateResult {
    const f = formatter(this.locale)
    if (value.kind === 'list') {
      return value.items.length
        ? listView(t, f, value.items, (id) => (this.selected = id))
        : stateView(trackerState('empty', t, () => {}))
    }
    const { view } = value
    const api = this.#api()
    const ctx: TrackerContext = {
      t,
      f,
      view,
      openSignoff: this.#openSignoff,
      expanded: this.expanded,
      expand: (section) => {
        this.expanded = new Set(this.expanded).add(section)
      },
      download: (v) =>
        api
          .blob(clientFilePath(v))
          .then((blob) => saveBlob(blob, v.filename))
          .catch(() => (this.live = 'failed')),
      thumbnail: (v) =>
        this.#files.get(`${v.deliverableId}/${v.n}`, () => api.blob(clientFilePath(v))),
    }
    return html`${
      this.selected && !this.project
        ? html`<button class="btn" part="button" @click=${() => (this.selected = undefined)}>
          ${t.back}
        </button>`
        : nothing
    }
      ${headerView(ctx)} ${stagesView(ctx)}
      <div class="grid">
        <div class="stack">${waitingView(ctx)} ${filesView(ctx)}</div>
        <div class="stack">
          ${roundsView(ctx)} ${aftercareView(ctx)}
          ${activityView(ctx)}
        </div>
      </div>
      ${
        this.dialog
          ? html`<dialog class="card" part="dialog" aria-label=${t.open} @close=${this.#closeDialog}>
            <form method="dialog" class="close"><button class="btn" part="button">${t.close}</button></form>
            <project-signoff api=${this.api} token=${this.#token() ?? ''} signoff=${this.dialog} lang=${this.locale}>
              <p>${t.pages.failed![0]}</p>
            </project-signoff>
          </dialog>`
          : nothing
      }`
  }

  #closeDialog = (): void => {
    this.dialog = undefined
    void this.#task.run()
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'project-tracker': ProjectTracker
  }
}
