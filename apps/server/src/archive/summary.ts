import type { ArchiveHeader } from './archive-format.js'

const units = ['bytes', 'KB', 'MB', 'GB', 'TB']

/** `1.4 MB`: a size for people. */
export function size(bytes: number): string {
  let n = bytes
  let unit = 0
  while (n >= 1000 && unit < units.length - 1) {
    n /= 1000
    unit++
  }
  return unit === 0 ? `${n} bytes` : `${n.toFixed(1)} ${units[unit]}`
}

/**
 * What an archive (or a moved studio) holds, in one line.
 *
 * @example
 * summary(header) // 'studio std_… "Studio 山海": 2 clients, 6 projects, 84 audit events, 3 receipts, 9 files (41.2 KB)'
 */
export function summary(header: Pick<ArchiveHeader, 'studio' | 'counts' | 'blobs'>): string {
  const { studio, counts, blobs } = header
  return `studio ${studio.id} "${studio.name}": ${counts.clients} clients, ${counts.projects} projects, ${counts.audit} audit events, ${counts.receipts} receipts, ${blobs.count} files (${size(blobs.bytes)})`
}
