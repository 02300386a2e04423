import type { Receipt } from '@atelier/core'
import { html, nothing, type TemplateResult } from 'lit'
import type { Formatter } from '../../internal/format.js'
import { shortSha } from '../../internal/format.js'
import { fill } from '../../internal/locale.js'
import type { Outcome } from './context.js'
import type { SignoffMessages } from './messages.js'

/** What the result page shows: a decision just made, or one found already made. */
export interface Outcomes {
  outcome: Outcome
  name: string
  at: string
  items?: { text: string }[]
  /** True when the page opened on a sign-off that was decided before. */
  earlier: boolean
}

/** The receipt, how it verified, and the ways to verify it independently. */
export interface ReceiptInfo {
  receipt: Receipt
  verified?: boolean
  url?: string
  download(): void
}

function receiptView(t: SignoffMessages, f: Formatter, r: ReceiptInfo): TemplateResult {
  const { receipt } = r
  const files = receipt.files.map((x) => x.filename).join(' ')
  return html`<section class="card stack receipt" part="receipt" aria-labelledby="receipt">
    <h3 id="receipt">${t.receipt}</h3>
    <p class="verify ${r.verified === undefined ? 'checking' : r.verified ? 'valid' : 'invalid'}" data-verified=${String(r.verified ?? '')}>
      ${r.verified === undefined ? t.checking : r.verified ? `✓ ${t.verified}` : `✕ ${t.notVerified}`}
    </p>
    <dl class="terms">
      <dt>${t.receiptId}</dt>
      <dd><code>${receipt.id}</code></dd>
      <dt>${t.issued}</dt>
      <dd>${f.dateTime(receipt.issuedAt)}</dd>
      <dt>${t.signedBy}</dt>
      <dd>${receipt.decision.name}</dd>
      <dt>${t.sha}</dt>
      <dd>
        <ul>
          ${receipt.files.map((x) => html`<li>${x.filename} <code title=${x.sha256}>${shortSha(x.sha256)}</code></li>`)}
        </ul>
      </dd>
      <dt>${t.signature}</dt>
      <dd><code>${receipt.signature.alg} · ${receipt.signature.keyId}</code></dd>
    </dl>
    <div class="row">
      <button type="button" class="btn primary" part="button" @click=${r.download}>${t.downloadReceipt}</button>
    </div>
    <h4>${t.howToVerify}</h4>
    ${
      r.url
        ? html`<p class="small">${t.verifyOnline} <a href=${r.url} target="_blank" rel="noopener" part="link">${r.url}</a></p>`
        : nothing
    }
    <p class="small">${t.verifyCli}</p>
    <pre class="cli"><code>atelier verify receipt.json ${files}</code></pre>
  </section>`
}

/** The page after a decision: what was decided and, for an approval, the receipt. */
export function resultView(
  t: SignoffMessages,
  f: Formatter,
  o: Outcomes,
  receipt?: ReceiptInfo,
): TemplateResult {
  const [title, body] = o.earlier
    ? [
        t.decided[0]!,
        fill(t.decided[1]!, {
          name: o.name,
          outcome: t.outcome[o.outcome],
          date: f.dateTime(o.at),
        }),
      ]
    : (t.result[o.outcome] as string[])
  return html`<div class="stack" data-state=${o.earlier ? 'decided' : `result-${o.outcome}`}>
    <section class="card state done ${o.outcome}" part="state">
      <span class="icon" aria-hidden="true">${o.outcome === 'approved' ? '✓' : o.outcome === 'declined' ? '✕' : '✎'}</span>
      <h2 id="result" tabindex="-1">${title}</h2>
      <p class="muted">${body}</p>
      ${
        o.items?.length
          ? html`<ol class="sent">${o.items.map((i) => html`<li>${i.text}</li>`)}</ol>`
          : nothing
      }
    </section>
    ${receipt ? receiptView(t, f, receipt) : nothing}
  </div>`
}
