import { describe, expect, it } from 'vitest'
import { prefixEnd } from './prefix-range.js'

/** Whether `key` falls in the range `prefixEnd` gives `prefix`, compared by UTF-8 bytes. */
function inRange(prefix: string, key: string): boolean {
  const bytes = (s: string) => Buffer.from(s, 'utf8')
  const end = prefixEnd(prefix)
  return (
    Buffer.compare(bytes(key), bytes(prefix)) >= 0 &&
    (end === undefined || Buffer.compare(bytes(key), bytes(end)) < 0)
  )
}

describe('prefixEnd', () => {
  it('ends the range after the last code point', () => {
    expect(prefixEnd('member:user_1:')).toBe('member:user_1;')
    expect(prefixEnd('a\x7f')).toBe('a\x80')
    expect(prefixEnd('a\ud7ff')).toBe('a\ue000')
    expect(prefixEnd('a\u{10ffff}')).toBe('b')
    expect(prefixEnd('')).toBeUndefined()
    expect(prefixEnd('\u{10ffff}\u{10ffff}')).toBeUndefined()
  })

  it('selects exactly the keys that start with the prefix, at every boundary', () => {
    const prefixes = ['member:u1:', 'a', 'a\x7f', 'z~', '\x7f', 'é', 'a\ud7ff', 'a\u{10ffff}', '']
    const tails = ['', '\x00', '\x01', 'a', '~', '\x7f', '\x7f\x7f', '\x80', 'é', '\u{10ffff}']
    for (const prefix of prefixes) {
      const points = [...prefix]
      const stem = points.slice(0, -1).join('')
      const keys = [
        ...tails.map((t) => prefix + t),
        ...tails.map((t) => stem + t),
        ...tails.map((t) => `${stem};${t}`),
        ...tails.map((t) => `${points.slice(0, -2).join('')}${t}`),
      ]
      for (const key of keys) {
        expect(inRange(prefix, key), JSON.stringify([prefix, key])).toBe(key.startsWith(prefix))
      }
    }
  })
})
