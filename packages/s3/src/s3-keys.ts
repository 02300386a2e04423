/** A bucket and a key prefix, as `s3://bucket/prefix` names them. */
export interface S3Location {
  bucket: string
  /** Without leading or trailing slashes; empty for the bucket's root. */
  prefix: string
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

/**
 * Reads `s3://bucket/prefix/…` (a prefix is optional). Throws a `TypeError` that says what is
 * wrong with anything else.
 *
 * @example
 * parseS3Url('s3://studio-files/atelier/blobs') // { bucket: 'studio-files', prefix: 'atelier/blobs' }
 */
export function parseS3Url(url: string): S3Location {
  const match = /^s3:\/\/([^/?#]*)\/?([^?#]*)$/.exec(url)
  if (!match) throw new TypeError(`not an s3:// URL: "${url}"; write s3://bucket/prefix`)
  const [, bucket = '', rest = ''] = match
  if (!BUCKET.test(bucket)) {
    throw new TypeError(
      `"${bucket}" is not a bucket name: 3 to 63 lower-case letters, digits, dots and hyphens`,
    )
  }
  const prefix = rest.replace(/^\/+|\/+$/g, '')
  const parts = prefix === '' ? [] : prefix.split('/')
  if (parts.some((part) => part === '' || part === '.' || part === '..')) {
    throw new TypeError(`the prefix "${rest}" has an empty, "." or ".." part`)
  }
  return { bucket, prefix }
}

/** Joins key parts under a prefix: `prefix/ab/abcd…`, or `ab/abcd…` without one. */
export const keyUnder = (prefix: string, ...parts: string[]): string =>
  [prefix, ...parts].filter((p) => p !== '').join('/')

/** A key as `CopySource` wants it: the bucket and the URL-encoded key. */
export const copySource = (bucket: string, key: string): string =>
  `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`
