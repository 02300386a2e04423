import { describe, expect, it } from 'vitest'
import { copySource, keyUnder, parseS3Url } from './s3-keys.js'

describe('parseS3Url', () => {
  it.each([
    ['s3://studio-files', { bucket: 'studio-files', prefix: '' }],
    ['s3://studio-files/', { bucket: 'studio-files', prefix: '' }],
    ['s3://studio-files/atelier/blobs/', { bucket: 'studio-files', prefix: 'atelier/blobs' }],
    ['s3://a.b-c/x', { bucket: 'a.b-c', prefix: 'x' }],
  ])('reads %s', (url, expected) => {
    expect(parseS3Url(url)).toEqual(expected)
  })

  it.each([
    ['https://bucket/x', /not an s3:\/\/ URL/],
    ['s3://', /is not a bucket name/],
    ['s3://Bucket/x', /is not a bucket name/],
    ['s3://bucket/a//b', /empty, "." or ".." part/],
    ['s3://bucket/a/../b', /empty, "." or ".." part/],
    ['s3://bucket/x?versionId=1', /not an s3:\/\/ URL/],
  ])('refuses %s', (url, message) => {
    expect(() => parseS3Url(url)).toThrow(message)
  })
})

describe('keys', () => {
  it('join under a prefix, or at the root without one', () => {
    expect(keyUnder('atelier/blobs', 'ab', 'abc')).toBe('atelier/blobs/ab/abc')
    expect(keyUnder('', 'ab', 'abc')).toBe('ab/abc')
  })

  it('are URL-encoded part by part as a copy source', () => {
    expect(copySource('bucket', '设计 files/tmp/1-a')).toBe(
      'bucket/%E8%AE%BE%E8%AE%A1%20files/tmp/1-a',
    )
  })
})
