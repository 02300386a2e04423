import type { StateContent } from '../../internal/state-view.js'
import type { TrackerMessages } from './messages.js'

const icons: Record<string, string> = { no_token: '?', not_found: '?', offline: '↻', empty: '○' }

/**
 * The designed page for a state without a project to show, by code: `no_token`,
 * `unauthorized` (expired or revoked link, 401), `not_found` (404, also another client's
 * project), `offline`, `empty` (no projects yet), anything else `failed`. Offline and failed
 * offer to try again.
 */
export function trackerState(code: string, t: TrackerMessages, retry: () => void): StateContent {
  const state = code in t.pages ? code : 'failed'
  const [title, body] = t.pages[state]!
  return {
    state,
    icon: icons[state] ?? '!',
    title: title!,
    ...(body && { body }),
    ...((state === 'offline' || state === 'failed') && { action: { label: t.retry, run: retry } }),
  }
}
