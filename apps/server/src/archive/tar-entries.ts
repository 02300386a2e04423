import { once } from 'node:events'
import type { Writable } from 'node:stream'
import type { Header, Pack } from 'tar-stream'

/**
 * Writes one entry of `size` bytes into a tar pack from `chunks`, honouring back-pressure.
 * tar-stream refuses an entry whose bytes do not add up to `size`.
 *
 * @example
 * await writeEntry(pack, { name: 'records.jsonl', size: 12 }, [Buffer.from('{"a":1}\n...')])
 */
export function writeEntry(
  pack: Pack,
  header: Partial<Header> & Pick<Header, 'name' | 'size'>,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const sink = pack.entry(header, (error) => (error ? reject(error) : resolve()))
    ;(async () => {
      for await (const chunk of chunks) {
        if (!sink.write(chunk)) await once(sink, 'drain')
      }
      // streamx's types ask for a last chunk; none is given.
      sink.end(undefined)
    })().catch((error: unknown) => {
      sink.destroy(error as Error)
      reject(error)
    })
  })
}

/**
 * Copies the pack's bytes to `out` as they are produced, without ending `out` (it may be
 * stdout). Resolves when the pack ends; rejects when either side fails.
 *
 * @example
 * const copied = drainTo(pack, process.stdout)
 * // … entries …
 * pack.finalize()
 * await copied
 */
export async function drainTo(pack: Pack, out: Writable): Promise<void> {
  for await (const chunk of pack) {
    if (!out.write(chunk)) await once(out, 'drain')
  }
}
