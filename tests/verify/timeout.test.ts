// Issue 11, item 11: `--timeout 0` is no limit, as PostgreSQL's statement_timeout = 0 is; it
// used to become a limit of 1 ms, which cancels every statement that takes longer.
import { describe, expect, it } from 'vitest'
import { connect } from '../../src/verify/dialects/index.js'
import { parseDatabaseUrl } from '../../src/verify/url.js'

// SQLite has no statement limit to set; PGlite runs the same session code as PostgreSQL
const SERVERS = [
  { id: 'postgres', url: process.env.SEEDGUARD_TEST_POSTGRES_URL, sleep: 'SELECT pg_sleep(0.05)::text AS slept' },
  { id: 'mysql', url: process.env.SEEDGUARD_TEST_MYSQL_URL, sleep: 'SELECT SLEEP(0.05) AS slept' },
]

for (const server of SERVERS) {
  describe.skipIf(!server.url)(`${server.id}: --timeout 0`, () => {
    it('sets no statement limit: a statement slower than a millisecond completes', async () => {
      const client = await connect(parseDatabaseUrl(server.url!, process.cwd()), { timeoutMs: 0 })
      try {
        // SLEEP answers 0 when it slept the whole time, 1 when interrupted
        expect(await client.query(server.sleep)).toEqual([{ slept: server.id === 'mysql' ? 0 : '' }])
      } finally {
        await client.close()
      }
    })
  })
}
