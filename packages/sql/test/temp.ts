import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

/**
 * A fresh folder under the OS temp dir, removed after the file's tests; `file(name)` is a path
 * inside it.
 */
export function tempFolder(): { dir: string; file: (name: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-sql-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  let n = 0
  return { dir, file: (name) => join(dir, `${++n}-${name}`) }
}
