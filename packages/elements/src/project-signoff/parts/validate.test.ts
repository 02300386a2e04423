import { describe, expect, test } from 'vitest'
import type { Draft } from './context.js'
import { signoffMessages } from './messages.js'
import { validateDraft } from './validate.js'

const t = signoffMessages.en
const draft = (over: Partial<Draft>): Draft => ({
  name: '李明',
  comment: '',
  items: [],
  busy: false,
  ...over,
})

describe('validateDraft', () => {
  test('says what is missing', () => {
    expect(validateDraft(draft({}), t)).toBe(t.errors.outcome)
    expect(validateDraft(draft({ outcome: 'approved', name: '  ' }), t)).toBe(t.errors.name)
    expect(validateDraft(draft({ outcome: 'declined' }), t)).toBe(t.errors.comment)
    expect(validateDraft(draft({ outcome: 'changes_requested' }), t)).toBe(t.errors.items)
    expect(validateDraft(draft({ outcome: 'changes_requested', items: [{ text: ' ' }] }), t)).toBe(
      t.errors.itemText,
    )
  })

  test('builds the decision body: trimmed, items only when requesting changes', () => {
    const file = { deliverableId: 'dlv_1', version: 2 }
    expect(
      validateDraft(
        draft({
          outcome: 'changes_requested',
          name: ' 李明 ',
          items: [{ text: ' bigger ', file, pin: { x: 0.25, y: 0.5 } }, { text: 'greener' }],
        }),
        t,
      ),
    ).toEqual({
      outcome: 'changes_requested',
      name: '李明',
      items: [{ text: 'bigger', file, pin: { x: 0.25, y: 0.5 } }, { text: 'greener' }],
    })
    expect(
      validateDraft(
        draft({ outcome: 'approved', comment: ' ok ', items: [{ text: 'left over' }] }),
        t,
      ),
    ).toEqual({ outcome: 'approved', name: '李明', comment: 'ok' })
  })
})
