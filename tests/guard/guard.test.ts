import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseName } from '../../src/guard/decision.js'
import { readMarker } from '../../src/protect/marker.js'
import { parseDatabaseUrl } from '../../src/verify/url.js'
import { ONE_TABLE, run } from '../protect/run.js'
import { DIALECTS, type TestDatabase } from '../verify/dialects.js'

/** a stand-in seed: it leaves a file behind, so a refused run can be seen not to have started it */
function seed(): { command: string[]; ran: () => boolean } {
  const flag = join(mkdtempSync(join(tmpdir(), 'seedguard-guard-')), 'seeded')
  return { command: [process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(flag)}, 'seeded')`], ran: () => existsSync(flag) }
}

describe.each(DIALECTS)('seedguard guard on $id', (dialect) => {
  let db: TestDatabase
  let name: string
  beforeAll(async () => {
    db = await dialect.create('guard', ONE_TABLE)
    name = databaseName({ target: parseDatabaseUrl(db.url, process.cwd()), source: '--db' })!
  }, 60_000)
  afterAll(async () => {
    await db?.drop()
  }, 60_000)

  it('runs the seed on an unprotected local database; refuses it once the database is protected', async () => {
    const first = seed()
    const allowed = await run(['guard', '--db', db.url, '--', ...first.command])
    expect(allowed.stderr).toBe('')
    expect(allowed.code).toBe(0)
    expect(first.ran()).toBe(true)

    expect((await run(['protect', '--db', db.url, '--env', 'production'])).code).toBe(0)
    const second = seed()
    const refused = await run(['guard', '--db', db.url, '--', ...second.command])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^seedguard: refusing to run `.*`: .* \(from --db\) is marked `production` \(seedguard protect, /)
    expect(second.ran()).toBe(false)
  })

  it('the override runs it only with the exact database name, and records it in the marker', async () => {
    const wrong = seed()
    const refused = await run(['guard', '--db', db.url, '--', ...wrong.command], { SEEDGUARD_ALLOW_PRODUCTION: `${name}x` })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(`it must be exactly \`${name}\``)
    expect(wrong.ran()).toBe(false)

    const right = seed()
    const overridden = await run(['guard', '--db', db.url, '--', ...right.command], { SEEDGUARD_ALLOW_PRODUCTION: name })
    expect(overridden.code).toBe(0)
    expect(overridden.stderr).toContain('!!! seedguard: PRODUCTION OVERRIDE !!!')
    expect(right.ran()).toBe(true)
    const client = await db.open()
    try {
      const marker = await readMarker(client)
      expect(marker?.overrides).toHaveLength(1)
      expect(marker?.overrides[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+ \S+@\S+ SEEDGUARD_ALLOW_PRODUCTION: /)
    } finally {
      await client.close()
    }
  })
})

describe('seedguard guard', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'seedguard-guard-project-'))

  it('exits with the command’s own code', async () => {
    const { code } = await run(['guard', '--', process.execPath, '-e', 'process.exit(3)'], {}, cwd)
    expect(code).toBe(3)
  })

  it('never starts the command where the environment says production', async () => {
    const s = seed()
    const { code, stderr } = await run(['guard', '--', ...s.command], { RAILS_ENV: 'production' }, cwd)
    expect(code).toBe(1)
    expect(stderr).toContain('RAILS_ENV=production says this environment is production')
    expect(s.ran()).toBe(false)
  })

  it('refuses when the database cannot be reached and nothing says the run is local', async () => {
    const s = seed()
    const { code, stderr } = await run(['guard', '--', ...s.command], { DATABASE_URL: 'postgres://app:pw@db.invalid:5432/shop' }, cwd)
    expect(code).toBe(1)
    expect(stderr).toContain('the marker of postgres://app:****@db.invalid:5432/shop (from $DATABASE_URL) cannot be read (cannot connect to PostgreSQL at db.invalid:5432/shop')
    expect(stderr).not.toContain(':pw@')
    expect(s.ran()).toBe(false)
    expect((await run(['guard', '--', ...s.command], { DATABASE_URL: 'postgres://app:pw@db.invalid:5432/shop', APP_ENV: 'development' }, cwd)).code).toBe(0)
    expect(s.ran()).toBe(true)
  })

  it('says when it found no database to check', async () => {
    const { code, stderr } = await run(['guard', '--', process.execPath, '-e', ''], {}, cwd)
    expect(code).toBe(0)
    expect(stderr).toContain('seedguard: note: no database found')
  })

  it('needs a command after --', async () => {
    expect((await run(['guard', 'npm', 'run', 'seed'], {}, cwd)).stderr).toContain('no command after --: seedguard guard -- <command>')
    expect((await run(['guard', '--', 'seedguard-no-such-command'], {}, cwd)).code).toBe(127)
  })
})
