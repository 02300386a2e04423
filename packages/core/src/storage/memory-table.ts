/*
 * The tables of the memory storage: rows kept per studio, copied in and out so no caller ever
 * holds a stored object, every change undoable until its transaction ends.
 */

import { AtelierError } from '../errors/atelier-error.js'

/**
 * One table: rows by studio (or `''` for global tables), then by key.
 *
 * @example
 * const projects = new Table<Project>(() => undo)
 * projects.set(studioId, project.id, project)
 */
export class Table<T> {
  private readonly byStudio = new Map<string, Map<string, T>>()

  constructor(private readonly undo: () => (() => void)[]) {}

  rows(studio: string): Map<string, T> {
    let rows = this.byStudio.get(studio)
    if (!rows) {
      rows = new Map()
      this.byStudio.set(studio, rows)
    }
    return rows
  }

  get(studio: string, key: string): T | undefined {
    const row = this.byStudio.get(studio)?.get(key)
    return row === undefined ? undefined : structuredClone(row)
  }

  set(studio: string, key: string, value: T): void {
    const rows = this.rows(studio)
    const had = rows.has(key)
    const old = rows.get(key)
    this.undo().push(() => (had ? rows.set(key, old as T) : rows.delete(key)))
    rows.set(key, structuredClone(value))
  }

  delete(studio: string, key: string): void {
    const rows = this.rows(studio)
    if (!rows.has(key)) return
    const old = rows.get(key) as T
    this.undo().push(() => rows.set(key, old))
    rows.delete(key)
  }

  insert(studio: string, key: string, value: T): void {
    if (this.rows(studio).has(key)) throw new AtelierError('conflict', `duplicate key ${key}`)
    this.set(studio, key, value)
  }

  update(studio: string, key: string, value: T, expected: number): boolean {
    const current = this.rows(studio).get(key) as { version: number } | undefined
    if (!current || current.version !== expected) return false
    this.set(studio, key, value)
    return true
  }

  filter(studio: string, keep: (row: T) => boolean): T[] {
    const out: T[] = []
    for (const row of this.byStudio.get(studio)?.values() ?? [])
      if (keep(row)) out.push(structuredClone(row))
    return out
  }
}

/**
 * A page of rows sorted newest first (ids sort by creation), before `cursor`.
 *
 * @example
 * page(rows, undefined, 20)
 */
export function page<T extends { id: string }>(
  rows: T[],
  cursor: string | undefined,
  limit: number,
): T[] {
  return rows
    .filter((r) => cursor === undefined || r.id < cursor)
    .sort((a, b) => (a.id < b.id ? 1 : -1))
    .slice(0, limit)
}

/**
 * Rows in id order (creation order).
 *
 * @example
 * rows.sort(byId)
 */
export const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : 1)
