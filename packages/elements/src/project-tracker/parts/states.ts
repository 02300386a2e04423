import type { StateContent } from '../../internal/state-view.js'
import type { TrackerMessages } from './messages.js'

const pages = {
  no_token: ['noToken', '?', false],
  unauthorized: ['expired', '!', false],
  not_found: ['notFound', '?', false],
  offline: ['offline', '↻', true],
  failed: ['failed', '!', true],
} as const

/**
 * The designed page for a failed load, by error code: missing token, expired or revoked link
 * (401), not found (404, also another client's project), offline, anything else.
 */
export function trackerState(code: string, t: TrackerMessages, retry: () => void): StateContent {
  const key = code in pages ? (code as keyof typeof pages) : 'failed'
  const [messages, icon, retryable] = pages[key]
  const [title, body] = t[messages] as string[]
  return {
    state: key,
    icon,
    title: title!,
    ...(body && { body }),
    ...(retryable && { action: { label: t.retry, run: retry } }),
  }
}
