import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/**
 * Core's folders from the bottom up, as the README draws them: a file may import only from its
 * own folder and from folders below it, so no two folders import each other. Records and rules
 * sit at the bottom, each feature with the views of its own records; `view/` assembles the
 * project view; the storage port, then the services, then the root files wire it all.
 */
const ORDER = [
  'errors',
  'internal',
  'audit',
  'blob',
  'studio',
  'client',
  'member',
  'credential',
  'project',
  'deliverable',
  'revision',
  'sharing',
  'sign-off',
  'gates',
  'confidentiality',
  'view',
  'storage',
  'service',
  '.',
  'testing',
]

const src = dirname(fileURLToPath(import.meta.url))

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return name.endsWith('.ts') && !name.includes('.test.') ? [path] : []
  })
}

const folderOf = (path: string) => {
  const rel = relative(src, path)
  return rel.includes('/') ? (rel.split('/')[0] ?? '.') : '.'
}

const imports = sources(src).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map(
    (m) => ({
      from: folderOf(file),
      to: folderOf(resolve(dirname(file), m[1] ?? '')),
      line: `${relative(src, file)} -> ${m[1]}`,
    }),
  ),
)

describe("core's folders", () => {
  it('are all placed in the documented order', () => {
    const folders = new Set(sources(src).map(folderOf))
    expect([...folders].filter((f) => !ORDER.includes(f))).toEqual([])
  })

  it('import only downwards, so no two folders import each other', () => {
    const upwards = imports
      .filter(({ from, to }) => from !== to && ORDER.indexOf(to) > ORDER.indexOf(from))
      .map(({ line }) => line)
    expect(upwards).toEqual([])
  })
})
