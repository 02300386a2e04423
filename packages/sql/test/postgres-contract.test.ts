import { runStorageContract } from '@atelier/core/testing'
import { describe } from 'vitest'
import { postgresUrl, testSchema } from './postgres.js'

const db = testSchema('contract')

describe.skipIf(!postgresUrl)('postgres', () => {
  runStorageContract({ name: 'postgres', create: () => db.open() })
})
