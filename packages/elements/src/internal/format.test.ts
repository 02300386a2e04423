import { describe, expect, test } from 'vitest'
import { formatter, shortSha } from './format.js'

describe('formatter', () => {
  test('money is given in minor units and shown in the currency’s own decimals', () => {
    expect(formatter('en').money({ amount: 120_000, currency: 'CNY' })).toBe('CN¥1,200.00')
    expect(formatter('zh-CN').money({ amount: 120_000, currency: 'CNY' })).toBe('¥1,200.00')
    expect(formatter('en').money({ amount: 1500, currency: 'JPY' })).toBe('¥1,500')
  })

  test('file sizes in decimal units', () => {
    const en = formatter('en')
    expect(en.bytes(18)).toBe('18 bytes')
    expect(en.bytes(1_450)).toBe('1.5 kB')
    expect(en.bytes(4_100_000)).toBe('4.1 MB')
    expect(formatter('zh-CN').bytes(18)).toBe('18字节')
  })

  test('days and dates per locale', () => {
    expect(formatter('en').days(12)).toBe('12 days')
    expect(formatter('zh-CN').days(12)).toBe('12天')
    expect(formatter('en').date('2026-11-22T08:00:00.000Z')).toMatch(/Nov 2\d, 2026/)
    expect(formatter('zh-CN').date('2026-11-22T08:00:00.000Z')).toMatch(/2026年11月2\d日/)
  })
})

test('shortSha shows the first 8 and last 4 hex digits', () => {
  expect(shortSha(`abcdef12${'0'.repeat(52)}9876`)).toBe('abcdef12…9876')
})
