import { runStorageContract } from '@atelier/core/testing'
import { openSqlite } from '../src/index.js'
import { tempFolder } from './temp.js'

const temp = tempFolder()

runStorageContract({ name: 'sqlite file', create: () => openSqlite(temp.file('contract.db')) })
runStorageContract({
  name: 'sqlite file, synchronous NORMAL',
  create: () => openSqlite(temp.file('normal.db'), { synchronous: 'NORMAL' }),
})
runStorageContract({ name: 'sqlite :memory:', create: () => openSqlite(':memory:') })
