// What stops a cleanup, leaving the database as it was: the protect marker (unless the override
// names this very database), and on PostgreSQL the connection killed while the archive is written.
import { tmpdir } from 'node:os'
import { afterEach, describe, expect, it } from 'vitest'
import { applyCleanup } from '../../src/cleanup/apply.js'
import { databaseName, decide } from '../../src/guard/decision.js'
import { projectConfig } from '../../src/guard/config.js'
import { writeMarker } from '../../src/protect/write.js'
import { parseDatabaseUrl } from '../../src/verify/url.js'
import { DIALECTS, type TestDatabase, type TestDialect } from '../verify/dialects.js'
import { guide } from './guide.js'
import { apply, dump, optionsFor, plan, sqlOf, withTarget } from './helpers.js'
import { MemoryArchive, plainCodec } from './memory-archive.js'
import { schemaSql } from './schema.js'

const GUIDE = guide()
const TABLES = ['Admin', 'User', 'Session', 'Payment', 'Report']

describe.each(DIALECTS)('what stops a cleanup on $id', (dialect: TestDialect) => {
  let db: TestDatabase | undefined
  afterEach(async () => {
    await db?.drop()
    db = undefined
  }, 60_000)

  it('refuses a database marked production, unless SEEDGUARD_ALLOW_PRODUCTION names it exactly', async () => {
    db = await dialect.createWith('cleanup_marker', (family) => schemaSql(family, GUIDE.tables))
    const options = optionsFor(db)
    const planned = await plan(db, dialect.id, options)
    await withTarget(db, (target) => writeMarker(target.session, 'production', 'ops@test'))
    const before = await dump(db, TABLES)
    const refused = await apply(db, dialect.id, options, planned.hash)
    expect(refused.outcome.status).toBe('refused')
    if (refused.outcome.status === 'refused') expect(refused.outcome.message).toMatch(/refusing to run `seedguard cleanup --apply`: .* is marked `production`/)
    expect(refused.archive).toBeUndefined()
    const wrong = await apply(db, dialect.id, options, planned.hash, { env: { SEEDGUARD_ALLOW_PRODUCTION: 'another_db' } })
    expect(wrong.outcome.status).toBe('refused')
    expect(await dump(db, TABLES)).toEqual(before)

    const name = databaseName({ target: parseDatabaseUrl(db.url, process.cwd()), source: '--db' })!
    const allowed = await apply(db, dialect.id, options, planned.hash, { env: { SEEDGUARD_ALLOW_PRODUCTION: name } })
    expect(allowed.outcome.status).toBe('applied')
    if (allowed.outcome.status === 'applied') expect(allowed.outcome.override).toContain(`SEEDGUARD_ALLOW_PRODUCTION=${name}`)
    expect(await dump(db, ['User'])).not.toEqual({ User: before.User })
  }, 120_000)

  it.runIf(dialect.id === 'postgres')('a connection killed after the deletes, before COMMIT, leaves the database unchanged', async () => {
    db = await dialect.createWith('cleanup_killed', (family) => schemaSql(family, GUIDE.tables))
    const options = optionsFor(db)
    const planned = await plan(db, dialect.id, options)
    const before = await dump(db, TABLES)
    const target = parseDatabaseUrl(db.url, process.cwd())
    const killer = await db.open()
    try {
      await expect(
        withTarget(db, async (t) => {
          const [session] = await t.session.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
          return applyCleanup(t, options, {
            hash: planned.hash,
            codec: plainCodec(sqlOf(dialect.id)),
            // after every DELETE ran, before COMMIT
            openArchive: async (header) => Object.assign(new MemoryArchive(header), { finish: async () => void (await killer.query('SELECT pg_terminate_backend($1)', [session!.pid])) }),
            guard: (marker) => decide({ env: {}, config: projectConfig(tmpdir()), database: { target, source: '--db' }, marker }),
            operator: 'ops@test',
          })
        }),
      ).rejects.toThrow(/terminat|Connection/i)
    } finally {
      await killer.close()
    }
    expect(await dump(db, TABLES)).toEqual(before)
  }, 120_000)
})
