import type { ReactiveController, ReactiveControllerHost } from 'lit'

/** Raster images: an object URL of one, opened as a page, shows a picture and runs nothing. */
const RASTER = /^image\/(png|jpeg|gif|webp|avif)$/

/**
 * Object URLs for files fetched with the token (thumbnails, previews): a token never goes into
 * a `src`. Each file is fetched once; the URLs are revoked when the host disconnects or
 * `clear()` is called.
 *
 * An object URL has this page's origin, and anyone can open an `<img>`'s as a page (a new
 * tab, a copied address): only raster images get one. Anything else (an SVG, which would run
 * its scripts there) goes through `draw`, which must return a raster image (see `rasterise`),
 * or gets no URL at all.
 */
export class FileUrls implements ReactiveController {
  #urls = new Map<string, string | null>()
  #queue: (() => Promise<unknown>)[] = []
  #active = 0
  #draw: (blob: Blob) => Promise<Blob>

  constructor(
    private readonly host: ReactiveControllerHost,
    draw: (blob: Blob) => Promise<Blob>,
  ) {
    this.#draw = draw
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
        fetchBlob()
          // A file that cannot be drawn stays without a URL (not fetched again on every render).
          .then((blob) => (RASTER.test(blob.type) ? blob : this.#draw(blob).catch(() => blob)))
          .then(
            (blob) => {
              if (this.#urls.get(key) !== null || !RASTER.test(blob.type)) return
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

/** True for media types the browser shows in an `<img>`: raster images and SVG. */
export function isImage(mediaType: string): boolean {
  return RASTER.test(mediaType) || mediaType === 'image/svg+xml'
}
