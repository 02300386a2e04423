import { AtelierError, type FieldIssue } from '@atelier/core'

const strict = new TextDecoder('utf-8', { fatal: true })
/** For the well-formed slices between bad runs: a U+FEFF inside the body is no BOM. */
const slice = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
/** A noncharacter standing in for each bad run while the JSON is read to name the fields. */
const MARKER = '\uFFFF'
const MESSAGE = 'must be UTF-8 text; the body held bytes that are not UTF-8 here'

/**
 * Decodes a JSON body as UTF-8, refusing bytes that are not UTF-8 (which a lenient decoder would
 * silently turn into U+FFFD): `invalid_input` naming the JSON fields that held them.
 *
 * @example
 * const text = decodeJsonBody(new Uint8Array(await c.req.arrayBuffer()))
 */
export function decodeJsonBody(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes)
  } catch {
    const fields = fieldsOf(bytes)
    const named = fields.map((f) => f.path || '(root)').join(', ')
    throw new AtelierError('invalid_input', `invalid body: ${named} (send it encoded as UTF-8)`, {
      fields,
    })
  }
}

/** Where the bad bytes sit, as JSON paths: the JSON read with a marker for each bad run. */
function fieldsOf(bytes: Uint8Array): FieldIssue[] {
  const parts: string[] = []
  let from = 0
  for (const [start, end] of invalidRuns(bytes)) {
    parts.push(slice.decode(bytes.subarray(from, start)))
    from = end
  }
  parts.push(slice.decode(bytes.subarray(from)))
  const paths = new Set<string>()
  if (!parts.some((part) => part.includes(MARKER))) {
    try {
      collect(JSON.parse(parts.join(MARKER)), '', paths)
    } catch {
      // Not JSON either: the body as a whole is named.
    }
  }
  return (paths.size ? [...paths] : ['']).map((path) => ({ path, message: MESSAGE }))
}

function collect(value: unknown, path: string, paths: Set<string>): void {
  const at = (key: string) => (path ? `${path}.${key}` : key)
  if (typeof value === 'string') {
    if (value.includes(MARKER)) paths.add(path)
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) collect(item, at(String(i)), paths)
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes(MARKER)) paths.add(at(key))
      else collect(item, at(key), paths)
    }
  }
}

/** The byte runs `[start, end)` that are not well-formed UTF-8 (Unicode 15, table 3-7). */
function invalidRuns(bytes: Uint8Array): [number, number][] {
  const runs: [number, number][] = []
  let i = 0
  while (i < bytes.length) {
    const n = wellFormedLength(bytes, i)
    if (n > 0) {
      i += n
      continue
    }
    const start = i
    i += Math.max(1, -n)
    const last = runs.at(-1)
    if (last && last[1] === start) last[1] = i
    else runs.push([start, i])
  }
  return runs
}

/** Length of the well-formed sequence at `i`, or minus the length of its ill-formed prefix. */
function wellFormedLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i] as number
  if (b < 0x80) return 1
  let length: number
  let low = 0x80
  let high = 0xbf
  if (b >= 0xc2 && b <= 0xdf) length = 2
  else if (b >= 0xe0 && b <= 0xef) {
    length = 3
    if (b === 0xe0) low = 0xa0
    if (b === 0xed) high = 0x9f
  } else if (b >= 0xf0 && b <= 0xf4) {
    length = 4
    if (b === 0xf0) low = 0x90
    if (b === 0xf4) high = 0x8f
  } else return -1
  for (let k = 1; k < length; k++) {
    const c = bytes[i + k]
    const ok = c !== undefined && (k === 1 ? c >= low && c <= high : c >= 0x80 && c <= 0xbf)
    if (!ok) return -k
  }
  return length
}
