import type { SubjectFile } from '@atelier/core'

/** The routes a sign-off is read and decided through. */
export interface SignoffRoutes {
  view: string
  decision: string
  file(f: Pick<SubjectFile, 'deliverableId' | 'version'>): string
}

const enc = encodeURIComponent

/**
 * With a sign-off token (`atl_so_`), the sign-off routes; with a client token and a sign-off
 * id (opened from the tracker), the client's routes for that sign-off.
 */
export function signoffRoutes(signoffId: string | undefined): SignoffRoutes {
  if (signoffId) {
    const base = `/v1/client/signoffs/${enc(signoffId)}`
    return {
      view: base,
      decision: `${base}/decision`,
      file: (f) => `/v1/client/files/${enc(f.deliverableId)}/${f.version}`,
    }
  }
  return {
    view: '/v1/signoff',
    decision: '/v1/signoff/decision',
    file: (f) => `/v1/signoff/files/${enc(f.deliverableId)}/${f.version}`,
  }
}

/** The sign-off token from a link's path, `…/s/atl_so_…`. */
export function tokenFromPath(): string | undefined {
  return /\/s\/(atl_so_[\w-]+)\/?$/.exec(location.pathname)?.[1]
}
