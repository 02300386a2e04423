import type { Receipt, SignerView, SubjectFile } from '@atelier/core'
import { initialState, Task, TaskStatus } from '@lit/task'
import { html, nothing, type TemplateResult } from 'lit'
import { AtelierRevisionRequestedEvent } from '../events/revision-requested.js'
import { AtelierSignoffDecidedEvent } from '../events/signoff-decided.js'
import { ApiError, apiClient, idempotencyKey } from '../internal/api-client.js'
import { AtelierElement } from '../internal/atelier-element.js'
import { FileUrls, saveBlob } from '../internal/file-urls.js'
import { formatter } from '../internal/format.js'
import { fill } from '../internal/locale.js'
import { rasterise } from '../internal/rasterise.js'
import { apiBase, safeUrl } from '../internal/safe-url.js'
import { sharedStyles } from '../internal/shared.styles.js'
import { stateView } from '../internal/state-view.js'
import { type Draft, type DraftItem, isOn, type SignoffContext } from './parts/context.js'
import { decisionFormView } from './parts/decision-form.js'
import { signoffRoutes, tokenFromPath } from './parts/load.js'
import { type SignoffMessages, signoffMessages } from './parts/messages.js'
import { resultView } from './parts/result.js'
import { signoffState } from './parts/states.js'
import { filesView, termsView } from './parts/subject.js'
import { validateDraft } from './parts/validate.js'
import { signoffStyles } from './project-signoff.styles.js'

type Decided = { signoff: SignerView['signoff']; receipt?: Receipt }

/**
 * The page behind a sign-off link: what is to be approved (previews, names, sizes, sha256, the
 * round's resolution map or the change-order quote), and the signer's decision — approve,
 * request changes (each change optionally pinned by clicking an image preview), or decline —
 * signed with their typed name. After an approval it shows the signed receipt and how to
 * verify it. Expired, revoked, superseded, unknown and already-decided links get their own page.
 *
 * With a sign-off token (attribute, or read from a `/s/<token>` path) it uses the sign-off
 * routes; with a client token and a `signoff` id it uses the client's routes (the tracker
 * opens it that way).
 *
 * @summary The sign-off (确认) page: review, decide, get a verifiable receipt.
 * @tagname project-signoff
 *
 * @event atelier-signoff-decided - `AtelierSignoffDecidedEvent`: the decision was recorded; `detail.signoff`, `detail.receipt` (approvals).
 * @event atelier-revision-requested - `AtelierRevisionRequestedEvent`: the decision asked for changes; `detail.items`.
 *
 * @csspart base - The wrapper of everything the element shows.
 * @csspart header - Purpose, project and validity.
 * @csspart title - The purpose heading.
 * @csspart file - One file card.
 * @csspart preview - A file's preview (a pin target while requesting changes).
 * @csspart pin - A numbered pin on a preview.
 * @csspart resolutions - The round's resolution map.
 * @csspart quote - The change-order quote.
 * @csspart form - The decision form.
 * @csspart outcome - One outcome choice.
 * @csspart changes - The list of changes being written.
 * @csspart input - Text inputs; the name field is also `name-input`.
 * @csspart button - Every button; also `submit` and `download`.
 * @csspart receipt - The signed receipt.
 * @csspart link - Links (the receipt's public URL).
 * @csspart state - A state or result page.
 *
 * @cssproperty --atelier-accent - Brand colour of buttons, pins and focus. Default: `light-dark(#3150c8, #9db0ff)`.
 * @cssproperty --atelier-on-accent - Text on the accent colour.
 * @cssproperty --atelier-text - Body text colour.
 * @cssproperty --atelier-muted - Secondary text colour.
 * @cssproperty --atelier-surface - Card background.
 * @cssproperty --atelier-subtle - Quiet backgrounds (previews, chips).
 * @cssproperty --atelier-border - Card and control borders.
 * @cssproperty --atelier-success - Approved, verified.
 * @cssproperty --atelier-danger - Declined, errors.
 * @cssproperty --atelier-radius - Corner radius of cards. Default: `12px`.
 * @cssproperty --atelier-space - Base spacing. Default: `1rem`.
 * @cssproperty --atelier-font - Font family. Default: inherited from the page.
 * @cssproperty --atelier-focus - Focus ring colour. Default: the accent.
 */
export class ProjectSignoff extends AtelierElement {
  static override styles = [sharedStyles, signoffStyles]

  static override properties = {
    api: {},
    token: {},
    signoff: {},
    draft: { state: true, attribute: false },
    decided: { state: true, attribute: false },
  }

  /**
   * Draws a preview that is not a raster image (an SVG) as a PNG, so that its object URL runs
   * nothing when opened as a page. `<project-tracker>` borrows it for its thumbnails.
   *
   * @internal
   */
  static rasterise = rasterise

  /** Base URL of the Atelier API; `https:` or this page's origin. Default: this page's origin. */
  api = ''

  /** Sign-off token (`atl_so_…`), or a client token with `signoff`. Default: from a `/s/<token>` path. */
  token?: string

  /** Sign-off id, when deciding with a client token (from the tracker). */
  signoff?: string

  /** @internal */
  private draft: Draft = { name: '', comment: '', items: [], busy: false }
  /** @internal */
  private decided?: Decided

  #sending = false
  #files = new FileUrls(this, rasterise)

  #task = new Task(this, {
    args: () => [apiBase(this.api), this.token || tokenFromPath(), this.signoff] as const,
    task: ([base, token, id], { signal }) => {
      if (!base) throw new ApiError(0, 'bad_api')
      if (!token) throw new ApiError(0, 'no_token')
      this.#files.clear()
      this.decided = undefined
      return apiClient(base, token).json<SignerView>(signoffRoutes(id).view, { signal })
    },
  })

  #verify = new Task(this, {
    args: () => [apiBase(this.api), this.#receipt()?.id] as const,
    task: async ([base, id], { signal }) => {
      if (!base || !id) return initialState
      const path = `/v1/receipts/${encodeURIComponent(id)}`
      const r = await apiClient(base, '').json<{ verification: { valid: boolean } }>(path, {
        signal,
      })
      return r.verification.valid
    },
  })

  #api() {
    return apiClient(apiBase(this.api) ?? '', this.token || tokenFromPath() || '')
  }

  #receipt(): Receipt | undefined {
    return this.decided?.receipt ?? this.#task.value?.receipt
  }

  #update = (patch: Partial<Draft>): void => {
    this.draft = { ...this.draft, ...patch }
  }

  #updateItem = (i: number, patch: Partial<DraftItem> | null): void => {
    const items = [...this.draft.items]
    if (patch) items[i] = { ...items[i]!, ...patch }
    else items.splice(i, 1)
    this.#update({ items, error: undefined })
  }

  #addItem = async (file?: SubjectFile, pin?: { x: number; y: number }): Promise<void> => {
    const item: DraftItem = {
      text: '',
      ...(file && { file: { deliverableId: file.deliverableId, version: file.version } }),
      ...(pin && { pin }),
    }
    this.#update({ items: [...this.draft.items, item] })
    if (pin) return
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>(`#item-${this.draft.items.length - 1}`)?.focus()
  }

  #movePin = (file: SubjectFile, dx: number, dy: number): void => {
    const i = this.draft.items.findLastIndex((item) => item.pin && isOn(item, file))
    const pin = this.draft.items[i]?.pin
    if (!pin) return
    const clamp = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 1000) / 1000
    this.#updateItem(i, { pin: { x: clamp(pin.x + dx), y: clamp(pin.y + dy) } })
  }

  #submit = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault()
    if (this.#sending) return
    const t = signoffMessages[this.locale]
    const checked = validateDraft(this.draft, t)
    if (typeof checked === 'string') return this.#update({ error: checked })
    this.#sending = true
    this.#update({ busy: true, error: undefined })
    try {
      const body = await this.#api().json<Decided>(signoffRoutes(this.signoff).decision, {
        body: checked,
        headers: { 'idempotency-key': idempotencyKey() },
      })
      this.decided = body
      this.dispatchEvent(new AtelierSignoffDecidedEvent(body.signoff, body.receipt))
      if (checked.outcome === 'changes_requested') {
        this.dispatchEvent(new AtelierRevisionRequestedEvent(checked.items ?? []))
      }
      await this.updateComplete
      this.renderRoot.querySelector<HTMLElement>('#result')?.focus()
    } catch (error) {
      const code = error instanceof ApiError ? error.code : ''
      if (code === 'conflict' || code === 'gone') void this.#task.run()
      else this.#update({ error: t.errors.send })
    } finally {
      this.#sending = false
      this.#update({ busy: false })
    }
  }

  override render(): TemplateResult {
    const locale = this.locale
    const t = signoffMessages[locale]
    const error = this.#task.status === TaskStatus.ERROR ? this.#task.error : undefined
    const view = this.#task.status === TaskStatus.COMPLETE ? this.#task.value : undefined
    let live = ''
    let body: TemplateResult
    if (error) {
      const code = error instanceof ApiError ? error.code : 'failed'
      const page = signoffState(
        // A sign-off link nobody issued is a 401 like any unknown credential: an unknown link.
        code === 'unauthorized' && !this.signoff ? 'not_found' : code,
        error instanceof ApiError ? error.reason : undefined,
        t,
        () => void this.#task.run(),
      )
      live = page.title
      body = stateView(page)
    } else if (!view) {
      live = t.loading
      body = html`<div class="skeleton" data-state="loading" aria-busy="true"></div>`
    } else {
      body = this.#page(t, view)
      live = this.decided ? (t.result[this.decided.signoff.status as 'approved']?.[0] ?? '') : ''
    }
    return html`<div part="base" class="base" lang=${locale}>
      <div role="status" class="sr">${live}</div>
      ${body}
    </div>`
  }

  #page(t: SignoffMessages, view: SignerView): TemplateResult {
    const f = formatter(this.locale)
    const signoff = this.decided?.signoff ?? view.signoff
    const header = html`<header class="header" part="header">
      <p class="muted">${view.studio.name} · ${fill(t.project, { name: view.project.name })}</p>
      <h2 part="title">${t.purpose[signoff.purpose]}</h2>
      ${signoff.decision ? nothing : html`<p class="small muted">${fill(t.validUntil, { date: f.dateTime(signoff.expiresAt) })}</p>`}
      ${signoff.message ? html`<blockquote class="message"><span class="small muted">${t.fromStudio}</span><p>${signoff.message}</p></blockquote>` : nothing}
    </header>`
    if (signoff.decision) {
      const receipt = this.#receipt()
      const verified = this.#verify.status === TaskStatus.COMPLETE ? this.#verify.value : undefined
      return html`${header}${resultView(
        t,
        f,
        { ...signoff.decision, earlier: !this.decided },
        receipt && {
          receipt,
          ...(typeof verified === 'boolean' && { verified }),
          url: safeUrl(`${apiBase(this.api)}/v1/receipts/${encodeURIComponent(receipt.id)}`),
          download: () =>
            saveBlob(
              new Blob([JSON.stringify(receipt, null, 2)], { type: 'application/json' }),
              'receipt.json',
            ),
        },
      )}`
    }
    const ctx: SignoffContext = {
      t,
      f,
      view,
      draft: this.draft,
      preview: (file) =>
        this.#files.get(`${file.deliverableId}/${file.version}`, () =>
          this.#api().blob(signoffRoutes(this.signoff).file(file)),
        ),
      download: (file) =>
        this.#api()
          .blob(signoffRoutes(this.signoff).file(file))
          .then((blob) => saveBlob(blob, file.filename))
          .catch(() => this.#update({ error: t.errors.download })),
      addItem: this.#addItem,
      movePin: this.#movePin,
      update: this.#update,
      updateItem: this.#updateItem,
      submit: this.#submit,
    }
    return html`${header}
      <div class="layout">
        <div class="stack">${termsView(ctx)} ${filesView(ctx)}</div>
        ${decisionFormView(ctx)}
      </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'project-signoff': ProjectSignoff
  }
}
