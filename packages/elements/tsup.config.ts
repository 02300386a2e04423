import { defineConfig } from 'tsup'

export default defineConfig({
  entry: [
    'src/index.ts',
    'src/define.ts',
    'src/define/project-tracker.ts',
    'src/define/project-signoff.ts',
    'src/project-tracker/project-tracker.ts',
    'src/project-signoff/project-signoff.ts',
  ],
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
})
