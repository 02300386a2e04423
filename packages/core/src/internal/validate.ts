import * as v from 'valibot'
import { AtelierError, type FieldIssue } from '../errors/atelier-error.js'

/**
 * Parses `input` with a valibot schema, or throws `invalid_input` naming every offending
 * field by dotted path. Every service operation validates its input through here first.
 */
export function parseInput<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  what = 'input',
): v.InferOutput<S> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true })
  if (result.success) return result.output
  const fields: FieldIssue[] = result.issues.map((issue) => ({
    path: v.getDotPath(issue) ?? '',
    message: issue.message,
  }))
  const named = fields.map((f) => f.path || '(root)').join(', ')
  throw new AtelierError('invalid_input', `invalid ${what}: ${named}`, { fields })
}
