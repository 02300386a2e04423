import { defineProject } from 'vitest/config'

export default defineProject({
  resolve: { conditions: ['source'] },
  // The README test imports '@atelier/core' itself: it must run the source, not a stale dist.
  ssr: { resolve: { conditions: ['source'] } },
  test: { name: 'core', include: ['src/**/*.test.ts'] },
})
