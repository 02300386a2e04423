import { AtelierError } from '@atelier/core'
import type { SqlDialect } from '../schema/dialect-of.js'

/** How a domain field is stored in its own column. */
export type ColumnKind = 'text' | 'int' | 'time'

// `\u0000` and lone surrogates, as JSON.stringify escapes them (not preceded by an escaping `\`).
const UNSTORABLE_ESCAPE = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/

function refuse(path: string, message: string): never {
  throw new AtelierError('invalid_input', `cannot store ${path}: ${message}`, {
    fields: [{ path, message }],
  })
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const UNSTORABLE = 'text must not contain U+0000 or unpaired surrogates'

/**
 * A document as JSON text. Refuses what Postgres `jsonb` cannot hold (U+0000, unpaired
 * surrogates) on both dialects, so both behave the same.
 */
export function toJson(value: unknown, path: string): string {
  const text = JSON.stringify(value)
  if (text.includes('\\u') && UNSTORABLE_ESCAPE.test(text)) refuse(path, UNSTORABLE)
  return text
}

/** A document read back: SQLite returns the text, `pg` has already parsed `jsonb`. */
export function fromJson(value: unknown, dialect: SqlDialect): unknown {
  return dialect === 'sqlite' ? JSON.parse(value as string) : value
}

/** A scalar for its column; `undefined` (an absent optional field) becomes `null`. */
export function toColumn(kind: ColumnKind, value: unknown, path: string): string | number | null {
  if (value === undefined || value === null) return null
  if (kind === 'int') {
    if (!Number.isSafeInteger(value)) refuse(path, 'must be a safe integer')
    return value as number
  }
  if (typeof value !== 'string') refuse(path, `must be a string, not ${typeof value}`)
  if (kind === 'time') {
    const at = new Date(value)
    if (Number.isNaN(at.getTime())) refuse(path, 'must be an ISO-8601 instant')
    return at.toISOString()
  }
  if (value.includes('\0') || LONE_SURROGATE.test(value)) refuse(path, UNSTORABLE)
  return value
}

/** A column read back into its domain form; `null` means the field is absent. */
export function fromColumn(kind: ColumnKind, value: unknown): string | number | undefined {
  if (value === null || value === undefined) return undefined
  if (kind === 'time') return value instanceof Date ? value.toISOString() : (value as string)
  if (kind === 'int') return Number(value)
  return value as string
}
