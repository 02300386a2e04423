// Lets Node run this workspace's TypeScript sources directly (with
// --experimental-transform-types --conditions=source): imports written as `./x.js` resolve to
// `./x.ts` when only the TypeScript file exists.
import { registerHooks } from 'node:module'

registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context)
    } catch (error) {
      if (!/^\.{1,2}\/.*\.js$/.test(specifier)) throw error
      return next(`${specifier.slice(0, -3)}.ts`, context)
    }
  },
})
