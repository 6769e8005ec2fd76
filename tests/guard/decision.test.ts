import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import { decide, type GuardedDatabase, type GuardInputs } from '../../src/guard/decision.js'
import { parseDatabaseUrl } from '../../src/verify/url.js'

const db = (url: string, source = '$DATABASE_URL'): GuardedDatabase => ({ target: parseDatabaseUrl(url, '/app'), source })
const remote = db('postgres://app:s3cret@db.internal:5432/shop')
const marked = { marker: { environment: 'production', protectedAt: '2026-12-01T10:00:00.000Z', protectedBy: 'ops@bastion', overrides: [] } }
const inputs = (over: Partial<GuardInputs>): GuardInputs => ({ env: {}, config: DEFAULT_CONFIG, database: remote, marker: { marker: undefined }, action: 'npm run seed', ...over })

describe('the guard decision', () => {
  it('refuses a database marked production, in one paragraph naming the marker and what to do', () => {
    const decision = decide(inputs({ marker: marked }))
    expect(decision).toEqual({
      verdict: 'refuse',
      message:
        'seedguard: refusing to run `npm run seed`: postgres://app:****@db.internal:5432/shop (from $DATABASE_URL) is marked `production` (seedguard protect, 2026-12-01T10:00:00.000Z by ops@bastion). ' +
        'Seeds and resets must not reach production data. If this is not production, remove its marker (`seedguard protect --db <url> --remove`) or point the command at the database you mean. ' +
        "In a real emergency, run it again with SEEDGUARD_ALLOW_PRODUCTION=shop (the exact database name): the run is announced and recorded in the database's marker.",
    })
    expect(JSON.stringify(decision)).not.toContain('s3cret')
  })

  it('runs an unmarked database when nothing says production', () => {
    expect(decide(inputs({}))).toEqual({ verdict: 'allow', notes: [] })
  })

  it('a marker naming another environment is no refusal', () => {
    expect(decide(inputs({ marker: { marker: { ...marked.marker, environment: 'staging' } } })).verdict).toBe('allow')
  })

  it.each([
    ['NODE_ENV', 'production'],
    ['RAILS_ENV', 'production'],
    ['VERCEL_ENV', 'production'],
    ['CONTEXT', 'production'],
    ['RAILWAY_ENVIRONMENT_NAME', 'production'],
    ['APP_ENV', 'prod'],
  ])('refuses where %s=%s says production (the table the static check reads)', (name, value) => {
    const decision = decide(inputs({ env: { [name]: value } }))
    expect(decision.verdict).toBe('refuse')
    expect(decision.verdict === 'refuse' && decision.message).toContain(`${name}=${value} says this environment is production`)
    expect(decision.verdict === 'refuse' && decision.message).toContain(`unset ${name} or set it to the environment this is`)
  })

  it('a preview or staging name is not production', () => {
    expect(decide(inputs({ env: { VERCEL_ENV: 'preview', CONTEXT: 'deploy-preview', RAILWAY_ENVIRONMENT_NAME: 'staging' } })).verdict).toBe('allow')
  })

  it('refuses a host or name that .seedguard.yml calls production, and a name that says production', () => {
    const config = { ...DEFAULT_CONFIG, productionDatabaseHosts: ['*.internal'], productionDatabaseNames: ['billing'] }
    expect(decide(inputs({ config })).verdict === 'refuse' && (decide(inputs({ config })) as { message: string }).message).toContain('the database host db.internal matches production-database-hosts `*.internal` in .seedguard.yml')
    const byName = decide(inputs({ config, database: db('mysql://root@127.0.0.1/billing') }))
    expect(byName.verdict === 'refuse' && byName.message).toContain('the database name billing matches production-database-names `billing`')
    const production = decide(inputs({ database: db('postgres://localhost/shop_production') }))
    expect(production.verdict === 'refuse' && production.message).toContain('the database name shop_production names production')
  })

  it('an unreadable marker with an unknown environment refuses; a local database or a named local environment runs', () => {
    const unreachable = { unreadable: 'cannot connect to PostgreSQL at db.internal:5432/shop: timed out' }
    const refused = decide(inputs({ marker: unreachable }))
    expect(refused.verdict === 'refuse' && refused.message).toContain('the marker of postgres://app:****@db.internal:5432/shop (from $DATABASE_URL) cannot be read (cannot connect to PostgreSQL at db.internal:5432/shop: timed out), and nothing says this environment is local')
    expect(decide(inputs({ marker: unreachable, env: { APP_ENV: 'development' } })).verdict).toBe('allow')
    // NODE_ENV=development is set in production builds too: it says nothing about where this runs
    expect(decide(inputs({ marker: unreachable, env: { NODE_ENV: 'development' } })).verdict).toBe('refuse')
    expect(decide(inputs({ marker: unreachable, database: db('postgres://app@localhost/shop') })).verdict).toBe('allow')
    expect(decide(inputs({ marker: unreachable, database: db('sqlite:./dev.db') })).verdict).toBe('allow')
  })

  it('the override lets a run through only with the exact database name, loudly', () => {
    const wrong = decide(inputs({ marker: marked, env: { SEEDGUARD_ALLOW_PRODUCTION: 'Shop' } }))
    expect(wrong.verdict === 'refuse' && wrong.message).toContain('SEEDGUARD_ALLOW_PRODUCTION=Shop does not name this database: it must be exactly `shop`.')
    expect(decide(inputs({ marker: marked, env: { SEEDGUARD_ALLOW_PRODUCTION: '1' } })).verdict).toBe('refuse')
    expect(decide(inputs({ marker: marked, env: { SEEDGUARD_ALLOW_PRODUCTION: 'shop' } }))).toEqual({
      verdict: 'override',
      database: 'shop',
      message: 'seedguard: SEEDGUARD_ALLOW_PRODUCTION=shop: running `npm run seed` against postgres://app:****@db.internal:5432/shop (from $DATABASE_URL) although postgres://app:****@db.internal:5432/shop (from $DATABASE_URL) is marked `production` (seedguard protect, 2026-12-01T10:00:00.000Z by ops@bastion). This run is let through on purpose and recorded.',
    })
    // a SQLite database is named by its file
    expect(decide(inputs({ database: db('sqlite:/srv/data/app.db'), marker: marked, env: { SEEDGUARD_ALLOW_PRODUCTION: 'app.db' } })).verdict).toBe('override')
  })

  it('without a database, only the environment decides, and it says so', () => {
    expect(decide(inputs({ database: undefined, marker: undefined }))).toEqual({ verdict: 'allow', notes: [expect.stringContaining('no database found')] })
    const refused = decide(inputs({ database: undefined, marker: undefined, env: { RAILS_ENV: 'production', SEEDGUARD_ALLOW_PRODUCTION: 'x' } }))
    expect(refused.verdict === 'refuse' && refused.message).toContain('SEEDGUARD_ALLOW_PRODUCTION cannot let it through: no database was found to name.')
  })
})
