import type { ReactiveController, ReactiveControllerHost } from 'lit'

/**
 * Object URLs for files fetched with the token (thumbnails, previews): a token never goes into
 * a `src`. Each file is fetched once; the URLs are revoked when the host disconnects or
 * `clear()` is called.
 */
export class FileUrls implements ReactiveController {
  #urls = new Map<string, string | null>()
  #queue: (() => Promise<unknown>)[] = []
  #active = 0

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this)
  }

  /**
   * The object URL of `key` once loaded; queues loading it through `fetchBlob` otherwise.
   * Downloads start after the next frame is painted, four at a time, so a render that asks
   * for forty thumbnails is not slowed by them.
   */
  get(key: string, fetchBlob: () => Promise<Blob>): string | undefined {
    if (!this.#urls.has(key)) {
      this.#urls.set(key, null)
      this.#queue.push(() =>
        fetchBlob().then(
          (blob) => {
            if (this.#urls.get(key) !== null) return
            this.#urls.set(key, URL.createObjectURL(blob))
            this.host.requestUpdate()
          },
          () => this.#urls.delete(key),
        ),
      )
      if (this.#queue.length === 1) requestAnimationFrame(() => setTimeout(() => this.#next()))
    }
    return this.#urls.get(key) ?? undefined
  }

  #next(): void {
    while (this.#active < 4 && this.#queue.length) {
      this.#active++
      this.#queue.shift()!().finally(() => {
        this.#active--
        this.#next()
      })
    }
  }

  /** Revokes every URL handed out and drops what is still queued. */
  clear(): void {
    for (const url of this.#urls.values()) if (url) URL.revokeObjectURL(url)
    this.#urls.clear()
    this.#queue = []
  }

  hostDisconnected(): void {
    this.clear()
  }
}

/** Saves a blob under `filename` through a temporary object URL. */
export function saveBlob(blob: Blob, filename: string): void {
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = filename
  a.click()
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000)
}

/** True for media types the browser shows in an `<img>`. */
export function isImage(mediaType: string): boolean {
  return /^image\/(png|jpeg|gif|webp|avif|svg\+xml)$/.test(mediaType)
}
