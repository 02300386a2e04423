import fc from 'fast-check'

type Schema = {
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  properties?: Record<string, Schema>
  items?: Schema
  anyOf?: Schema[]
  oneOf?: Schema[]
  $ref?: string
}

const json = fc.jsonValue({ maxDepth: 3 })
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', '\u0000', '../x', '😀', 'a'.repeat(3000)),
)

/**
 * Values shaped like a JSON schema, mostly of the right type and sometimes anything at all:
 * enough to get past the outer checks and into core's validation and rules.
 */
export function shaped(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return json
  const anything = fc.oneof({ weight: 1, arbitrary: json }, { weight: 1, arbitrary: text })
  const alt = schema.anyOf ?? schema.oneOf
  if (alt?.length) return fc.oneof(...alt.map((s) => shaped(s, depth + 1)), anything)
  if (schema.enum)
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...schema.enum) }, anything)
  if (schema.const !== undefined) return fc.oneof(fc.constant(schema.const), anything)
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  const typed: fc.Arbitrary<unknown> | undefined = {
    string: text,
    integer: fc.oneof(fc.integer({ min: -5, max: 200 }), fc.integer()),
    number: fc.double({ noNaN: true, noDefaultInfinity: true }),
    boolean: fc.boolean(),
    array: fc.array(shaped(schema.items, depth + 1), { maxLength: 4 }),
    object: schema.properties
      ? fc.record(
          Object.fromEntries(
            Object.entries(schema.properties).map(([k, s]) => [k, shaped(s, depth + 1)]),
          ),
          { requiredKeys: [] },
        )
      : fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 4 }),
  }[type ?? '']
  return typed
    ? fc.oneof({ weight: 6, arbitrary: typed }, { weight: 1, arbitrary: anything })
    : anything
}

/** A path segment: a real id now and then, else ids of the right shape, junk and edge cases. */
export function segment(real: string | undefined): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: real ? fc.constant(real) : fc.constant('1') },
    { weight: 2, arbitrary: fc.stringMatching(/^[a-z]{3}_[0-9a-z]{26}$/) },
    { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('0', '-1', '1e3', '99999999999', '%00', '%2F', 'NaN', '1.5'),
    },
  )
}
