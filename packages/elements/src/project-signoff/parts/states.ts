import type { StateContent } from '../../internal/state-view.js'
import type { SignoffMessages } from './messages.js'

const pages = {
  no_token: ['noToken', '?', false],
  bad_api: ['badApi', '!', false],
  not_found: ['notFound', '?', false],
  expired: ['expired', '!', false],
  revoked: ['revoked', '×', false],
  superseded: ['superseded', '↑', false],
  unauthorized: ['unauthorized', '!', false],
  offline: ['offline', '↻', true],
  failed: ['failed', '!', true],
} as const

/**
 * The page for a link that cannot be decided, by error: unknown (`not_found`; the element passes
 * a link's 401 as such), expired, revoked or superseded (410 with `reason`), an expired client
 * token (401), offline, anything else.
 */
export function signoffState(
  code: string,
  reason: string | undefined,
  t: SignoffMessages,
  retry: () => void,
): StateContent {
  const name = code === 'gone' ? (reason ?? 'expired') : code
  const key = name in pages ? (name as keyof typeof pages) : 'failed'
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
