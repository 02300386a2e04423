import type { Receipt } from '@atelier/core'
import type { Browser, Page } from 'playwright-core'
import { signoffMessages } from '../src/project-signoff/parts/messages.js'
import { openPage } from './browser.js'
import type { Harness } from './harness.js'

/**
 * Opens sign-off links: zh-CN through the real `/s/<token>` page (the element reads the token
 * from the path), en through a page whose `<html lang="en">` carries the token attribute.
 */
export function linkOpener(browser: Browser, h: Harness) {
  return (token: string, lang: 'zh-CN' | 'en' = 'zh-CN', dark = false) => {
    const url =
      lang === 'zh-CN'
        ? `${h.url}/s/${token}`
        : h.page({
            body: `<project-signoff token="${token}"></project-signoff>`,
            bundle: 'project-signoff',
            lang,
          })
    return openPage(browser, h, url, { dark })
  }
}

/** Resolves with the detail of the first `atelier-signoff-decided` event on the page. */
export function decided(page: Page): Promise<{ signoff: { status: string }; receipt?: Receipt }> {
  return page.evaluate(
    () =>
      new Promise((resolve) =>
        document.addEventListener('atelier-signoff-decided', (e) => resolve(e.detail), {
          once: true,
        }),
      ),
  )
}

/** Chooses an outcome and types the signer's name. */
export async function fillDecision(
  page: Page,
  lang: 'zh-CN' | 'en',
  outcome: 'approved' | 'changes_requested' | 'declined',
  name = '李明',
): Promise<void> {
  const t = signoffMessages[lang]
  const el = page.locator('project-signoff')
  await el.getByLabel(t.outcomes[outcome], { exact: true }).check()
  await el.getByLabel(t.name).fill(name)
}
