import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import { databaseReasons } from '../../src/production/evidence.js'

const span = { file: 'ci.yml', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } }
const said = (env: Record<string, string>, services: string[] = []) => databaseReasons(env, services, DEFAULT_CONFIG, span).map((r) => `${r.towards ? '+' : '-'} ${r.detail}`)

describe('what a step\'s database settings say', () => {
  it('a URL on a loopback host or a service container is a local database', () => {
    expect(said({ DATABASE_URL: 'postgres://app:pw@localhost:5432/app' })).toEqual(['- DATABASE_URL points at a local database (postgres://app:***@localhost:5432/app)'])
    expect(said({ DATABASE_URL: 'postgres://app@db:5432/app' }, ['db'])).toEqual(['- DATABASE_URL points at a local database (postgres://app@db:5432/app)'])
  })

  it('a bare host in a host variable (libpq PGHOST, DB_HOST) is judged the same way', () => {
    expect(said({ PGHOST: '127.0.0.1' })).toEqual(['- PGHOST points at a local database (127.0.0.1)'])
    expect(said({ DB_HOST: 'localhost' })).toEqual(['- DB_HOST points at a local database (localhost)'])
    expect(said({ DB_HOST: 'mysql' }, ['mysql'])).toEqual(['- DB_HOST points at a local database (mysql)'])
    // a host that is neither local nor a service, and no secret: nothing said either way
    expect(said({ PGHOST: 'db.internal.example.com' })).toEqual([])
  })

  it('a database URL from a secret may be production', () => {
    expect(said({ DATABASE_URL: '<secret PROD_DATABASE_URL>' })).toEqual(['+ DATABASE_URL comes from secret PROD_DATABASE_URL, named for production'])
  })
})
