import type { ProjectView } from '@atelier/core'
import type { ApiClient } from '../../internal/api-client.js'

/** What the tracker shows: one project, or the client's list of projects. */
export type Loaded = { kind: 'project'; view: ProjectView } | { kind: 'list'; items: ProjectView[] }

const path = (id: string) => `/v1/client/projects/${encodeURIComponent(id)}`

/**
 * Loads the tracker view of `projectId`, or the client's projects without one (opening the
 * project directly when there is exactly one).
 */
export async function loadTracker(
  api: ApiClient,
  projectId: string | undefined,
  signal: AbortSignal,
): Promise<Loaded> {
  if (projectId) return { kind: 'project', view: await api.json(path(projectId), { signal }) }
  const { items } = await api.json<{ items: ProjectView[] }>('/v1/client/projects?limit=100', {
    signal,
  })
  return items.length === 1
    ? { kind: 'project', view: await api.json<ProjectView>(path(items[0]!.id), { signal }) }
    : { kind: 'list', items }
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
