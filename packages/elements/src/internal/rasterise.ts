/**
 * Draws an image the browser can show but that is not a raster image (an SVG) into a PNG,
 * its longer side 1600 pixels: bytes that run nothing wherever their object URL is opened.
 * Rejects what cannot be drawn (not an image, or one that taints the canvas).
 *
 * @example
 * URL.createObjectURL(await rasterise(svgBlob)) // a PNG's object URL
 */
export async function rasterise(blob: Blob): Promise<Blob> {
  const img = new Image()
  img.src = URL.createObjectURL(blob)
  await img.decode().finally(() => URL.revokeObjectURL(img.src))
  const scale = 1600 / Math.max(img.width, img.height)
  const canvas = new OffscreenCanvas(img.width * scale, img.height * scale)
  canvas.getContext('2d')!.drawImage(img, 0, 0, canvas.width, canvas.height)
  return canvas.convertToBlob()
}
