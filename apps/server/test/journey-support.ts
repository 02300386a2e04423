import type { Page } from 'playwright-core'

/** The studio's backend: JSON requests with the secret key, `If-Match` where asked. */
export function studioApi(url: string, key: string) {
  async function call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    options: { ifMatch?: number; raw?: { bytes: Uint8Array; type: string } } = {},
  ): Promise<{ status: number; body: T; etag: string | null }> {
    const headers: Record<string, string> = { Authorization: `Bearer ${key}` }
    if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`
    let payload: BodyInit | undefined
    if (options.raw) {
      headers['Content-Type'] = options.raw.type
      payload = options.raw.bytes as Uint8Array<ArrayBuffer>
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json'
      payload = JSON.stringify(body)
    }
    const res = await fetch(`${url}${path}`, { method, headers, body: payload })
    const type = res.headers.get('content-type') ?? ''
    const parsed = type.includes('json')
      ? await res.json()
      : new Uint8Array(await res.arrayBuffer())
    if (res.status >= 400)
      throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(parsed)}`)
    return { status: res.status, body: parsed as T, etag: res.headers.get('etag') }
  }
  return call
}

/** A small, distinct SVG per version, as a designer's export would be. */
export function artwork(label: string, colour: string): Uint8Array {
  return new TextEncoder().encode(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" width="400" height="300"><rect width="400" height="300" fill="${colour}"/><text x="200" y="160" text-anchor="middle" font-size="40" fill="#fff">${label}</text></svg>`,
  )
}

/** Opens a sign-off link and approves it, as the signer: outcome, typed name, one click. */
export async function approve(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link)
  await page.getByRole('radio', { name: 'Approve' }).check()
  await page.getByLabel('Type your full name to sign').fill(name)
  await page.getByRole('button', { name: 'Approve and sign' }).click()
  await page.getByText('Approved — thank you!').first().waitFor()
}

/**
 * Opens a sign-off link and asks for changes: each item is pinned by clicking the image
 * preview at (x, y), then described; or, without pins, written as a comment.
 */
export async function requestChanges(
  page: Page,
  link: string,
  name: string,
  items: { text: string; at?: [number, number] }[],
): Promise<void> {
  await page.goto(link)
  await page.getByRole('radio', { name: 'Request changes' }).check()
  for (const [i, item] of items.entries()) {
    if (item.at) {
      const preview = page.getByRole('button', { name: /^Pin a change on / }).first()
      const box = (await preview.boundingBox())!
      await preview.click({ position: { x: box.width * item.at[0], y: box.height * item.at[1] } })
    } else {
      await page.getByRole('button', { name: '+ Add a change' }).click()
    }
    await page.getByLabel(new RegExp(`^\\s*Change ${i + 1}`)).fill(item.text)
  }
  await page.getByLabel('Type your full name to sign').fill(name)
  await page.getByRole('button', { name: 'Send changes' }).click()
  await page.getByText('Your changes were sent').first().waitFor()
}
