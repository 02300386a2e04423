import { warrantyEndsAt } from '../gates/gates.js'
import { DAY_MS } from '../internal/runtime.js'
import type { ProjectSnapshot } from './view-project.js'

/**
 * The first instant after `now` at which `viewProject` of the same snapshot would answer
 * differently, because a part of it counts time: a pending sign-off expires, a share grant
 * expires, the warranty loses a day or ends. `undefined` when nothing in the view depends on
 * the clock. A view kept as a document is good until then.
 *
 * @example
 * const until = viewValidUntil(snapshot, now)
 * until === undefined || now < until // true
 */
export function viewValidUntil(snapshot: ProjectSnapshot, now: string): string | undefined {
  const instants: string[] = []
  for (const s of snapshot.signoffs ?? []) {
    if (s.status === 'pending' && s.expiresAt > now) instants.push(s.expiresAt)
  }
  for (const g of snapshot.grants ?? []) {
    if (!g.revokedAt && g.expiresAt > now) instants.push(g.expiresAt)
  }
  const endsAt = snapshot.project.delivery ? warrantyEndsAt(snapshot.project) : undefined
  if (endsAt && endsAt > now) {
    const daysLeft = Math.ceil((Date.parse(endsAt) - Date.parse(now)) / DAY_MS)
    instants.push(new Date(Date.parse(endsAt) - (daysLeft - 1) * DAY_MS).toISOString())
  }
  return instants.sort()[0]
}
