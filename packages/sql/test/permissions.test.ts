import { runPermissionContract } from '@atelier/core/testing'
import { describe } from 'vitest'
import { openSqlite } from '../src/index.js'
import { postgresUrl, testSchema } from './postgres.js'
import { tempFolder } from './temp.js'

// The permission table walked on real stores: every role-gated operation × every role.
const temp = tempFolder()
runPermissionContract({ name: 'sqlite file', create: () => openSqlite(temp.file('roles.db')) })

const db = testSchema('permissions')
describe.skipIf(!postgresUrl)('postgres', () => {
  runPermissionContract({ name: 'postgres', create: () => db.open() })
})
