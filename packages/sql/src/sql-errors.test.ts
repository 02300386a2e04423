import { AtelierError, isAtelierError } from '@atelier/core'
import { describe, expect, it } from 'vitest'
import { translateError } from './sql-errors.js'

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code })
const sqliteError = (errcode: number) =>
  Object.assign(new Error(`sqlite ${errcode}`), { code: 'ERR_SQLITE_ERROR', errcode })

describe('translateError', () => {
  it.each([
    ['postgres serialization failure', pgError('40001'), 'write_conflict'],
    ['postgres deadlock', pgError('40P01'), 'write_conflict'],
    ['sqlite busy', sqliteError(5), 'write_conflict'],
    ['sqlite busy snapshot', sqliteError(517), 'write_conflict'],
    ['postgres foreign key', pgError('23503'), 'not_found'],
    ['sqlite foreign key', sqliteError(787), 'not_found'],
    ['postgres unique', pgError('23505'), 'conflict'],
    ['sqlite primary key', sqliteError(1555), 'conflict'],
  ] as const)('%s becomes %s, keeping the cause', (_, error, code) => {
    const translated = translateError(error)
    expect(isAtelierError(translated, code)).toBe(true)
    expect((translated as Error).cause).toBe(error)
  })

  it('leaves Atelier errors and anything else alone', () => {
    const own = new AtelierError('gone', 'expired')
    const other = pgError('42P01')
    expect(translateError(own)).toBe(own)
    expect(translateError(other)).toBe(other)
    expect(translateError('text')).toBe('text')
  })
})
