#!/usr/bin/env node
// The `atelier` command. It checks the Node version before loading anything that needs a newer
// one (node:sqlite), so an old Node gets one clear line rather than a stack trace.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 13)) {
  process.stderr.write(
    `atelier: needs Node 22.13 or newer, this is ${process.version}; run it through npm (npm start, npx atelier), which uses the Node this project installs\n`,
  )
  process.exit(1)
}

const { CliError, main } = await import('./main.js')

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code
  },
  (error: unknown) => {
    // One line, never a stack trace: the message says what was wrong and what to do.
    process.stderr.write(`atelier: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = error instanceof CliError ? error.exitCode : 1
  },
)

export {}
