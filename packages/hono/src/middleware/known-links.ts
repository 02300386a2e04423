/**
 * Sign-off and share links (by their rate-limit bucket) that this API has answered with
 * success, at most `limit` of them, the oldest forgotten first.
 *
 * @example
 * const links = knownLinks()
 * links.add('tok:3f9a…')
 * links.has('tok:3f9a…') // true
 */
export function knownLinks(limit = 10_000) {
  const buckets = new Set<string>()
  return {
    has: (bucket: string) => buckets.has(bucket),
    add(bucket: string) {
      if (buckets.has(bucket)) return
      if (buckets.size >= limit) buckets.delete(buckets.values().next().value ?? '')
      buckets.add(bucket)
    },
  }
}

/**
 * What {@link knownLinks} returns.
 *
 * @example
 * const links: KnownLinks = knownLinks()
 */
export type KnownLinks = ReturnType<typeof knownLinks>
