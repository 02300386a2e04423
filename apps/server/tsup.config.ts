import { defineConfig, type Options } from 'tsup'

// Atelier's packages, Kysely and Hono bundled in: hundreds of small ES modules cost more to load
// than one file, and start-up time matters (DESIGN.md §7). `pg` loads only for Postgres.
const bundled = [
  // @atelier/s3 stays outside: it loads the AWS SDK, only for --blobs s3://…
  /^@atelier\/(?!s3$)/,
  'kysely',
  'hono',
  /^@hono\//,
  'valibot',
  /^@valibot\//,
  /^@noble\//,
  'hono-openapi',
  /^@standard-/,
]
const shared: Options = {
  format: ['esm'],
  target: 'node22',
  sourcemap: true,
  removeNodeProtocol: false,
}

export default defineConfig([
  // The `atelier` command: checks the Node version before it loads anything that needs a newer one.
  { ...shared, entry: { cli: 'src/cli.ts' }, external: ['./main.js'], clean: true },
  { ...shared, entry: { main: 'src/main.ts' }, noExternal: bundled, external: ['pg'] },
  { ...shared, entry: { index: 'src/index.ts' }, dts: true },
])
