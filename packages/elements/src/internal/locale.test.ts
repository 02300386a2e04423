import { describe, expect, test } from 'vitest'
import { fill, toLocale } from './locale.js'

describe('toLocale', () => {
  test('maps zh* to zh-CN and en* to en, anything else to undefined', () => {
    expect(toLocale('zh-CN')).toBe('zh-CN')
    expect(toLocale('zh-Hans')).toBe('zh-CN')
    expect(toLocale('ZH')).toBe('zh-CN')
    expect(toLocale('en-GB')).toBe('en')
    expect(toLocale(' en ')).toBe('en')
    expect(toLocale('fr')).toBeUndefined()
    expect(toLocale('')).toBeUndefined()
    expect(toLocale(null)).toBeUndefined()
  })
})

describe('fill', () => {
  test('replaces placeholders and leaves unknown ones visible', () => {
    expect(fill('第 {n} 轮', { n: 2 })).toBe('第 2 轮')
    expect(fill('{a} and {a}, {b}', { a: 'x' })).toBe('x and x, {b}')
  })

  test('inserts values as text, never as markup', () => {
    expect(fill('{name}', { name: '<img src=x onerror=alert(1)>' })).toBe(
      '<img src=x onerror=alert(1)>',
    )
  })
})
