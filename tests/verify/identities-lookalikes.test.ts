// Thousands of lookalike candidates (user.john12: vocabulary only, yet a person) ahead of the demo
// rows, more than an early cap of a few thousand would read: every demo row must still be counted,
// on every dialect, and the far id must not matter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import demoIdentities from '../../src/verify/checks/demo-identities.js'
import type { Indicator } from '../../src/verify/types.js'
import { DIALECTS, type TestDatabase, verifyTables } from './dialects.js'
import type { FixtureTable } from './fixture.js'

const LOOKALIKES = 6_500
const DEMO = 30
const RESERVED = ['Ann.Lee@Mail.Example.COM', 'bob.stone@qa.test', 'root@localhost']
const FIRST_RESERVED = 900_000

function members(): FixtureTable {
  const rows: unknown[][] = []
  for (let i = 1; i <= LOOKALIKES; i++) rows.push([i, `user.john${i}@gmail.com`])
  for (let i = 1; i <= DEMO; i++) rows.push([LOOKALIKES + i, `user${i}@example.com`])
  // reserved domains the database must find by their labels: a subdomain, a reserved top level, a bare host
  RESERVED.forEach((email, i) => rows.push([FIRST_RESERVED + i, email]))
  rows.push([1_000_000, 'maria.garcia@gmail.com'])
  return { name: 'members', columns: [['id', 'id'], ['email', 'text']], rows }
}

for (const dialect of DIALECTS) {
  describe(`${dialect.id}: demo identities behind thousands of lookalikes`, () => {
    let db: TestDatabase | undefined
    let found: Indicator[] = []
    beforeAll(async () => {
      ;({ db, indicators: found } = await verifyTables(dialect, 'identities', [members()], [demoIdentities]))
    }, 120_000)
    afterAll(async () => db?.drop())

    it('counts every demo row, exactly, reserved domains at any depth and case included', () => {
      expect(found).toHaveLength(1)
      expect(found[0]).toMatchObject({ column: 'email', count: DEMO + RESERVED.length, severity: 'error' })
      expect(found[0]!.message).toMatch(/^33 test or demo identities, such as /)
      // keys come back as numbers or, from bigint columns, as strings
      for (const [i] of RESERVED.entries()) expect(found[0]!.rows).toMatch(new RegExp(`[( ]'?${FIRST_RESERVED + i}'?[,)]`))
    })
  })
}
