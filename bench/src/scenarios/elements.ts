import type { Figure } from '../results.ts'

/**
 * Scenario 6: gzip sizes of the script-tag bundles against Lit's own minimal element bundled
 * the same way, and the first render of `<project-tracker>` with 200 activity items.
 *
 * @example
 * const { figures } = await measureElements(console.log)
 */
export async function measureElements(
  _log: (line: string) => void,
): Promise<{ figures: Figure[]; skipped?: string }> {
  return { figures: [], skipped: 'not wired yet' }
}
