/**
 * Why a request failed, from the problem+json `code` (and `reason` for `gone` and `conflict`),
 * or `offline` when the network did not answer.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason?: string,
  ) {
    super(code)
    this.name = 'ApiError'
  }
}

/**
 * A small fetch wrapper for the Atelier HTTP API: the token (if any; public routes take none)
 * goes in the `Authorization` header, never in a URL; errors become {@link ApiError}; every call takes an `AbortSignal`.
 *
 * @example
 * const api = apiClient('https://studio.example', 'atl_ct_…')
 * const view = await api.json<ProjectView>('/v1/client/projects/prj_1', { signal })
 */
export function apiClient(base: string, token: string) {
  async function send(
    path: string,
    init: { signal?: AbortSignal; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response> {
    let res: Response
    try {
      res = await fetch(base + path, {
        method: init.body === undefined ? 'GET' : 'POST',
        headers: {
          ...(token && { authorization: `Bearer ${token}` }),
          ...(init.body !== undefined && { 'content-type': 'application/json' }),
          ...init.headers,
        },
        ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
        ...(init.signal && { signal: init.signal }),
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      })
    } catch (e) {
      if (init.signal?.aborted) throw e
      throw new ApiError(0, 'offline')
    }
    if (res.ok) return res
    const problem = (await res.json().catch(() => ({}))) as { code?: string; reason?: string }
    throw new ApiError(res.status, problem.code ?? `http_${res.status}`, problem.reason)
  }
  return {
    /** GETs (or POSTs `body`) and parses the JSON answer. */
    async json<T>(
      path: string,
      init: { signal?: AbortSignal; body?: unknown; headers?: Record<string, string> } = {},
    ): Promise<T> {
      return (await send(path, init)).json() as Promise<T>
    },
    /** GETs a file's bytes. */
    async blob(path: string, signal?: AbortSignal): Promise<Blob> {
      return (await send(path, signal ? { signal } : {})).blob()
    },
  }
}

/** The client returned by {@link apiClient}. */
export type ApiClient = ReturnType<typeof apiClient>

/** A random `Idempotency-Key` (works on plain-http pages, where `randomUUID` is missing). */
export function idempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('')
}
