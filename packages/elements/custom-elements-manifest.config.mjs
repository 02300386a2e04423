// `cem analyze` (npm run build): reads the class JSDoc of the elements into custom-elements.json.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/parts/**', 'src/internal/*.styles.ts'],
  outdir: '.',
  litelement: true,
}
