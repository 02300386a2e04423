/**
 * The end of the range of strings that start with `prefix`: the least string greater than every
 * one of them, so `key >= prefix and key < prefixEnd(prefix)` selects exactly the keys that
 * start with `prefix`. Undefined when no string is greater (the empty prefix, or one of U+10FFFF
 * only): then `key >= prefix` alone is the range.
 *
 * It holds for the order both stores sort `text` keys in: bytes of UTF-8 (Postgres's `C`
 * collation and SQLite's `BINARY` compare with `memcmp`, then by length), which is the order
 * of code points. Write `prefix` as `q + c` (c its last code point). A key that starts with
 * `prefix` is `q + c + …`, below `q + next(c)`. A key `k >= prefix` that does not start with it
 * first differs from it at some code point, where `k`'s is greater: within `q`, so `k` is above
 * `q + anything`; or at `c`, where `k`'s code point is at least `next(c)`, so `k >= q + next(c)`.
 * `next` skips the surrogates (not code points of a UTF-8 string); when `c` is U+10FFFF,
 * nothing follows it and every key above `prefix` that starts with `q` starts with `prefix`,
 * so the end is that of `q`. For ASCII keys, as Atelier's are, `next(c)` is `c + 1`.
 *
 * @example
 * prefixEnd('member:user_1:') // 'member:user_1;'
 */
export function prefixEnd(prefix: string): string | undefined {
  const points = [...prefix]
  while (points.length) {
    const last = points.pop()!.codePointAt(0)!
    if (last < 0x10ffff) {
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1
      return points.join('') + String.fromCodePoint(next)
    }
  }
  return undefined
}
