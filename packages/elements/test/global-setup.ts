import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { buildCdn } from '../scripts/build-cdn.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder holding the script-tag bundles built for this run. */
    cdnDir: string
  }
}

/**
 * Builds the script-tag bundles the browser tests load, from the current sources, into a
 * folder of this run (a concurrent `npm run build` cleaning dist/ cannot pull them away).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-elements-cdn-'))
  await buildCdn(dir)
  project.provide('cdnDir', dir)
  return () => rm(dir, { recursive: true, force: true })
}
