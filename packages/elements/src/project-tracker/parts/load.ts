import type { ProjectView } from '@atelier/core'
import type { ApiClient } from '../../internal/api-client.js'

/** What the tracker shows: one project, or the client's list of projects. */
export type Loaded = { kind: 'project'; view: ProjectView } | { kind: 'list'; items: ProjectView[] }

/** Loads the tracker view of `projectId`, or the client's projects without one. */
export async function loadTracker(
  api: ApiClient,
  projectId: string | undefined,
  signal: AbortSignal,
): Promise<Loaded> {
  return projectId
    ? {
        kind: 'project',
        view: await api.json(`/v1/client/projects/${encodeURIComponent(projectId)}`, { signal }),
      }
    : {
        kind: 'list',
        ...(await api.json<{ items: ProjectView[] }>('/v1/client/projects?limit=100', { signal })),
      }
}

/** The client's file route for one version. */
export function clientFilePath(f: { deliverableId: string; n: number }): string {
  return `/v1/client/files/${encodeURIComponent(f.deliverableId)}/${f.n}`
}

/** Reads the client token `t` from the page URL's fragment or query. */
export function tokenFromUrl(from: string | undefined): string | undefined {
  const part = from === 'hash' ? location.hash.slice(1) : from === 'query' ? location.search : ''
  return new URLSearchParams(part).get('t') ?? undefined
}
