import { readFile, rm, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { expect, it, vi } from 'vitest'

it('runs the README script from requirements to aftercare', async () => {
  const readme = await readFile(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8')
  const script = readme.match(/## A whole project in one script[\s\S]*?```ts\n([\s\S]*?)```/)?.[1]
  expect(script).toBeDefined()
  const file = fileURLToPath(new URL(`./readme-example.${process.pid}.tmp.ts`, import.meta.url))
  await writeFile(file, `${script}\nexport {}\n`)
  const log = vi.spyOn(console, 'log').mockImplementation(() => {})
  try {
    await import(/* @vite-ignore */ file)
    expect(log).toHaveBeenCalledWith('aftercare', true, true)
  } finally {
    log.mockRestore()
    await rm(file, { force: true })
  }
})

it('documents the permission table exactly as core reads it', async () => {
  const { rolePermissions, permissions } = await import('./member/roles.js')
  const readme = await readFile(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8')
  const rows = readme
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .filter((cells) => /^`[a-z_]+\.[a-z_]+`$/.test(cells[1] ?? '') && cells.length === 8)
  const documented = rows.map((cells) => ({
    permission: cells[1]!.slice(1, -1),
    roles: ['owner', 'manager', 'designer', 'viewer'].filter((_, i) => cells[3 + i] === '✓'),
  }))
  expect(documented).toEqual(
    permissions.map((permission) => ({
      permission,
      roles: (['owner', 'manager', 'designer', 'viewer'] as const).filter((role) =>
        (rolePermissions[role] as readonly string[]).includes(permission),
      ),
    })),
  )
})
