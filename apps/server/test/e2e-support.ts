import pg from 'pg'
import { chromium } from 'playwright-core'
import { runCli } from './run-cli.js'

/**
 * A Postgres database of its own, as operators run one: `atelier migrate --app-role` as the owner
 * makes a login role, and the server connects as that role, under row-level security. `drop`
 * removes the database and the role.
 */
export async function servedPostgres(
  adminUrl: string,
  prefix: string,
): Promise<{ db: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now()}`
  const role = `${prefix}_${process.pid}`
  const admin = async (...statements: string[]) => {
    const client = new pg.Client({ connectionString: adminUrl })
    await client.connect()
    try {
      for (const statement of statements) await client.query(statement)
    } finally {
      await client.end()
    }
  }
  await admin(`create database "${name}"`)
  const owner = new URL(adminUrl)
  owner.pathname = `/${name}`
  const password = `${prefix}-${Math.random().toString(36).slice(2)}-password`
  const migrated = await runCli(['migrate', '--app-role', role], {
    ATELIER_DB: owner.toString(),
    ATELIER_APP_PASSWORD: password,
  })
  if (!migrated.stdout.includes(`role ${role} created`)) {
    throw new Error(`atelier migrate did not create ${role}: ${migrated.stdout}${migrated.stderr}`)
  }
  const served = new URL(owner)
  served.username = role
  served.password = password
  return {
    db: served.toString(),
    drop: () =>
      admin(`drop database if exists "${name}" with (force)`, `drop role if exists "${role}"`),
  }
}

/** Chromium as every browser test here runs it: Debian's, headless, nothing in the background. */
export const launchChromium = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
