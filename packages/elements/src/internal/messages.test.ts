import { stages, terminalStates } from '@atelier/core/rules'
import { describe, expect, test } from 'vitest'
import { signoffMessages } from '../project-signoff/parts/messages.js'
import { trackerMessages } from '../project-tracker/parts/messages.js'

const shape = (value: unknown): unknown =>
  typeof value === 'object' && value !== null
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
    : typeof value

describe('message tables', () => {
  test('stage labels are core’s labels in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const [key, labels] of Object.entries({ ...stages, ...terminalStates })) {
        expect(trackerMessages[locale].stages[key as 'closed']).toBe(labels[locale])
      }
    }
  })

  test('en has every string zh-CN has, and no empty ones', () => {
    for (const table of [trackerMessages, signoffMessages]) {
      expect(shape(table.en)).toEqual(shape(table['zh-CN']))
      const strings = JSON.stringify(table.en).match(/"[^"]*"/g) ?? []
      expect(strings.filter((s) => s === '""').length).toBeLessThanOrEqual(1) // confidential.standard
    }
  })
})
