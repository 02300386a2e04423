import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  // `node:sqlite` exists only with its scheme: keep `node:` in the output.
  removeNodeProtocol: false,
})
