import { Worker } from 'node:worker_threads'
import type { StampDone, StampSetup } from './stamp-worker.ts'

const MAX_QUEUED = 3

/**
 * Stamps and writes studios `0..count-1` on `workers` worker threads (see stamp-worker.ts) and
 * hands what each wrote to `consume`, in arrival order. At most a few batches wait, so memory stays bounded when
 * writing is slower than stamping.
 *
 * @example
 * await stampStudios(setup, 100, 2, (done) => console.log(done.index, done.counts))
 */
export async function stampStudios(
  setup: StampSetup,
  count: number,
  workers: number,
  consume: (done: StampDone) => Promise<void> | void,
): Promise<void> {
  const url = new URL('./stamp-worker.ts', import.meta.url)
  const pool = Array.from({ length: workers }, () => new Worker(url, { workerData: setup }))
  let next = 0
  let done = 0
  const idle = [...pool]
  const queue: StampDone[] = []
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
            await consume(item)
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
        worker.on('message', (message: StampDone) => {
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
