import { defineConfig } from 'tsup'

export default defineConfig({
  entry: [
    'src/index.ts',
    'src/storage/index.ts',
    'src/rules.ts',
    'src/tokens.ts',
    'src/testing/index.ts',
  ],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  external: ['vitest'],
})
