// Builds the self-contained script-tag bundles (Lit included) into dist/cdn/ with esbuild.
// `project-tracker.js` loads `project-signoff.js` from beside itself the first time a client
// opens a sign-off; `atelier-elements.js` has both.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type BuildOptions, build, type Plugin } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** The bundles: output name -> entry. */
export const bundles = {
  'project-tracker': 'src/define/project-tracker.ts',
  'project-signoff': 'src/define/project-signoff.ts',
  'atelier-elements': 'src/define.ts',
}

/** esbuild options shared by the bundles and the Lit floor in measure.mjs. */
export const bundleOptions: BuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  charset: 'utf8',
  legalComments: 'none',
  absWorkingDir: root,
  logLevel: 'warning',
}

/** Minifies the CSS of `*.styles.ts` files (one css`` literal each, no expressions). */
export const minifyStyles: Plugin = {
  name: 'minify-styles',
  setup(b) {
    b.onLoad({ filter: /\.styles\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8')
      const contents = source.replace(/css`([^`]*)`/g, (_, text: string) => {
        const min = text
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/ ?([{};,>]) ?/g, '$1')
          .replace(/: /g, ':')
          .replace(/;}/g, '}')
          .replace(/([ :,(])0\./g, '$1.')
        return `css\`${min.trim()}\``
      })
      return { contents, loader: 'ts' }
    })
  },
}

/**
 * Collapses the line breaks and indentation inside template literals of a minified bundle
 * (the only place a minified file has raw newlines): HTML and CSS treat them as one space.
 */
export async function collapseTemplates(file: string): Promise<void> {
  const code = await readFile(file, 'utf8')
  // Between two tags the space is dropped too: every such pair in the templates sits in a
  // flex or grid container (or next to a block), where that whitespace renders nothing.
  await writeFile(file, code.replace(/\n {2,}/g, ' ').replace(/> </g, '><'))
}

const signoffBesideTracker: Plugin = {
  name: 'signoff-beside-tracker',
  setup(b) {
    b.onResolve({ filter: /^\.\/project-signoff\.js$/ }, (args) =>
      args.importer.endsWith(join('define', 'project-tracker.ts'))
        ? { path: './project-signoff.js', external: true }
        : undefined,
    )
  },
}

/** Builds every bundle into `outdir` (default dist/cdn) and returns their paths. */
export async function buildCdn(
  outdir = join(root, 'dist', 'cdn'),
): Promise<Record<string, string>> {
  await mkdir(outdir, { recursive: true })
  const out: Record<string, string> = {}
  for (const [name, entry] of Object.entries(bundles)) {
    const outfile = join(outdir, `${name}.js`)
    out[name] = outfile
    await build({
      ...bundleOptions,
      entryPoints: [join(root, entry)],
      outfile,
      plugins: name === 'project-tracker' ? [minifyStyles, signoffBesideTracker] : [minifyStyles],
    })
    await collapseTemplates(outfile)
  }
  return out
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await buildCdn()
  for (const file of Object.values(out)) console.log(`built ${file}`)
}
