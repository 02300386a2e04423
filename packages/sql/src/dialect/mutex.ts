/**
 * A first-in, first-out lock for async code. `acquire()` resolves with the function that
 * releases it; waiters are served in the order they asked.
 *
 * @example
 * const release = await mutex.acquire()
 * try { await work() } finally { release() }
 */
export class Mutex {
  #tail: Promise<void> = Promise.resolve()

  acquire(): Promise<() => void> {
    let release!: () => void
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    const granted = this.#tail.then(() => release)
    this.#tail = this.#tail.then(() => released)
    return granted
  }
}
