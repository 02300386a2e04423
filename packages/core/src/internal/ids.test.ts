import { describe, expect, it } from 'vitest'
import { newId } from './ids.js'
import { defaultRuntime } from './runtime.js'

describe('newId', () => {
  it('has the documented shape', () => {
    expect(newId('prj', defaultRuntime)).toMatch(/^prj_[0-9a-hjkmnp-tv-z]{26}$/)
  })

  it('sorts by creation, also within one millisecond and when the clock steps back', () => {
    const times = [5_000, 5_000, 5_000, 4_000, 5_000, 6_000, 6_000]
    let i = 0
    const runtime = { ...defaultRuntime, clock: () => new Date(times[i++]!) }
    const ids = times.map(() => newId('rnd', runtime))
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('encodes the time so ids of later milliseconds sort later', () => {
    const at = (ms: number) => newId('x', { ...defaultRuntime, clock: () => new Date(ms) })
    const a = at(Date.parse('2030-01-01T00:00:00Z'))
    const b = at(Date.parse('2030-01-01T00:00:00.001Z'))
    expect(a < b).toBe(true)
  })
})
