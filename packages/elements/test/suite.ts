import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, inject } from 'vitest'
import { closeAll } from './browser.js'
import { type Harness, launchChromium, startHarness } from './harness.js'
import { type SeededStudio, seedStudio } from './seed.js'

/** What every browser test file starts from. */
export interface Suite {
  /** The real API (memory storage) and the test pages, on loopback. */
  h: Harness
  browser: Browser
  /** A studio with the client 李明 and their access-link token. */
  s: SeededStudio
}

/**
 * Registers a browser test file's hooks: starts the harness and Chromium, seeds a studio and
 * hands them to `ready`; closes the pages after each test and everything after the file.
 *
 * @example
 * let h: Harness
 * browserSuite(async (suite) => ({ h } = suite))
 */
export function browserSuite(ready: (suite: Suite) => unknown): void {
  let suite: Suite | undefined
  beforeAll(async () => {
    const [h, browser] = await Promise.all([startHarness(inject('cdnDir')), launchChromium()])
    suite = { h, browser, s: await seedStudio(h.atelier) }
    await ready(suite)
  })
  afterEach(closeAll)
  afterAll(async () => {
    await suite?.browser.close()
    await suite?.h.close()
  })
}
