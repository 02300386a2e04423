/** A page of results; `nextCursor` is absent on the last page. */
export interface Page<T> {
  items: T[]
  nextCursor?: string
}

/** Cuts a `limit + 1` read into a page and its cursor. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit)
  return rows.length > limit ? { items, nextCursor: items.at(-1)!.id } : { items }
}

/** The entries of an object whose values are defined. */
export function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, x]) => x !== undefined)) as Partial<T>
}
