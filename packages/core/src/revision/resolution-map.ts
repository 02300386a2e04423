import type { ResolutionMap, RevisionRound } from './revision.js'

/** The round's items and how each was resolved: what the client reviews and the receipt records. */
export function resolutionMap(round: RevisionRound): ResolutionMap {
  const items = round.items.map((item) => ({
    id: item.id,
    text: item.text,
    status: item.resolution?.status ?? ('open' as const),
    ...(item.resolution?.note && { note: item.resolution.note }),
    ...(item.resolution?.inVersion && { inVersion: item.resolution.inVersion }),
  }))
  return {
    round: round.n,
    total: items.length,
    addressed: items.filter((i) => i.status === 'addressed').length,
    declined: items.filter((i) => i.status === 'declined').length,
    items,
  }
}
