import { deserialize } from 'node:v8'
import { Worker } from 'node:worker_threads'
import type { StudioBatch } from './generate.ts'
import type { StampSetup } from './stamp-worker.ts'

const MAX_QUEUED = 3

/**
 * Stamps studios `0..count-1` on `workers` worker threads and hands each batch to `consume`,
 * one at a time, in arrival order, with its v8 serialization (rows sorted by key). At most a few batches wait, so memory stays bounded when
 * writing is slower than stamping.
 *
 * @example
 * await stampStudios(setup, 100, 2, (index, batch) => bulkInsert(storage, batch.rows))
 */
export async function stampStudios(
  setup: StampSetup,
  count: number,
  workers: number,
  consume: (index: number, batch: StudioBatch, bytes: Uint8Array) => Promise<void>,
): Promise<void> {
  const url = new URL('./stamp-worker.ts', import.meta.url)
  const pool = Array.from({ length: workers }, () => new Worker(url, { workerData: setup }))
  let next = 0
  let done = 0
  const idle = [...pool]
  const queue: { index: number; buffer: ArrayBuffer }[] = []
  let consuming = false
  try {
    await new Promise<void>((resolve, reject) => {
      const pump = () => {
        while (idle.length && queue.length < MAX_QUEUED && next < count) {
          idle.pop()!.postMessage(next++)
        }
      }
      const drain = async () => {
        if (consuming) return
        consuming = true
        try {
          while (queue.length) {
            const item = queue.shift()!
            pump()
            const bytes = new Uint8Array(item.buffer)
            await consume(item.index, deserialize(bytes) as StudioBatch, bytes)
            if (++done === count) resolve()
          }
        } catch (error) {
          reject(error)
        } finally {
          consuming = false
        }
      }
      for (const worker of pool) {
        worker.on('error', reject)
        worker.on('message', (message: { index: number; buffer: ArrayBuffer }) => {
          idle.push(worker)
          queue.push(message)
          pump()
          void drain()
        })
      }
      pump()
      if (count === 0) resolve()
    })
  } finally {
    await Promise.all(pool.map((w) => w.terminate()))
  }
}
