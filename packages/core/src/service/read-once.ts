import type { ScopedRepositories } from '../storage/storage-port.js'

/** The per-project lists an operation and the view it answers with both read. */
const LISTED = ['deliverables', 'versions', 'rounds', 'signoffs', 'grants', 'consents'] as const

/**
 * One studio's repositories for one transaction, where a project's children are listed from
 * storage once: the gates of a move and the view it answers with read the same lists. Any write
 * to a repository (insert or update) forgets what was listed from it, so a later read sees the
 * write.
 *
 * @example
 * const repos = readOnce(tx.scoped(studioId))
 * await repos.signoffs.listByProject(id) // reads
 * await repos.signoffs.listByProject(id) // the same rows, no read
 */
export function readOnce(repos: ScopedRepositories): ScopedRepositories {
  const wrapped: Record<string, unknown> = { ...repos }
  for (const name of LISTED) {
    const repo = repos[name] as {
      listByProject(projectId: string): Promise<unknown[]>
      insert(row: unknown): Promise<unknown>
      update?(row: unknown, expected: number): Promise<boolean>
    }
    const listed = new Map<string, Promise<unknown[]>>()
    wrapped[name] = {
      ...repo,
      listByProject(projectId: string) {
        let rows = listed.get(projectId)
        if (!rows) {
          rows = repo.listByProject(projectId)
          listed.set(projectId, rows)
          rows.catch(() => listed.delete(projectId))
        }
        return rows.then((r) => [...r])
      },
      insert(row: unknown) {
        listed.clear()
        return repo.insert(row)
      },
      ...(repo.update && {
        update(row: unknown, expected: number) {
          listed.clear()
          return repo.update!(row, expected)
        },
      }),
    }
  }
  return wrapped as unknown as ScopedRepositories
}
