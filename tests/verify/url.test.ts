import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveDatabaseUrl } from '../../src/verify/env.js'
import { maskUrl, parseDatabaseUrl, scrub } from '../../src/verify/url.js'

describe('parseDatabaseUrl', () => {
  it('reads each scheme', () => {
    expect(parseDatabaseUrl('postgresql://app:s3cr%40t@db.internal:6543/shop?sslmode=require', '/x')).toMatchObject({ dialect: 'postgres', host: 'db.internal', port: 6543, database: 'shop', user: 'app', masked: 'postgresql://app:****@db.internal:6543/shop?sslmode=require', secrets: ['s3cr%40t', 's3cr@t'] })
    expect(parseDatabaseUrl('mysql://root@localhost/app', '/x')).toMatchObject({ dialect: 'mysql', port: 3306, database: 'app', secrets: [] })
    expect(parseDatabaseUrl('mariadb://u:p@h/app', '/x')).toMatchObject({ dialect: 'mysql', masked: 'mariadb://u:****@h/app' })
    expect(parseDatabaseUrl('file:./dev.db?connection_limit=1', '/repo/prisma')).toMatchObject({ dialect: 'sqlite', path: '/repo/prisma/dev.db' })
    expect(parseDatabaseUrl('sqlite:/data/app.db', '/x')).toMatchObject({ dialect: 'sqlite', path: '/data/app.db' })
    expect(parseDatabaseUrl('sqlite:///data/app.db', '/x')).toMatchObject({ dialect: 'sqlite', path: '/data/app.db' })
    expect(parseDatabaseUrl('pglite:./pgdata', '/repo')).toMatchObject({ dialect: 'pglite', path: '/repo/pgdata' })
  })

  it('refuses other schemes without echoing the URL', () => {
    expect(() => parseDatabaseUrl('mongodb://u:hunter2@h/db', '/x')).toThrow(/^unsupported database URL scheme `mongodb:`/)
    expect(() => parseDatabaseUrl('postgres://u:hunter2@[bad', '/x')).toThrow(/^cannot read the postgres:\/\/ URL/)
    try {
      parseDatabaseUrl('postgres://u:hunter2@[bad', '/x')
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2')
    }
  })
})

describe('a bare path (issue 11)', () => {
  it('suggests sqlite: for a file that exists or is named like a SQLite file, pglite: for a PGlite directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seedguard-url-'))
    writeFileSync(join(dir, 'x.db'), '')
    writeFileSync(join(dir, 'data'), '')
    mkdirSync(join(dir, 'pgdata'))
    writeFileSync(join(dir, 'pgdata', 'PG_VERSION'), '17\n')
    expect(() => parseDatabaseUrl('./x.db', dir)).toThrow('`./x.db` is a path, not a database URL: pass `sqlite:./x.db`')
    expect(() => parseDatabaseUrl('data', dir)).toThrow('`data` is a path, not a database URL: pass `sqlite:data`')
    expect(() => parseDatabaseUrl('prisma/missing.sqlite', dir)).toThrow('pass `sqlite:prisma/missing.sqlite`')
    expect(() => parseDatabaseUrl('./pgdata', dir)).toThrow('`./pgdata` is a path, not a database URL: pass `pglite:./pgdata`')
    // anything else is not echoed: it may hold a password
    expect(() => parseDatabaseUrl('//u:hunter2@h/db', dir)).toThrow(/^unsupported database URL: use postgres:/)
  })
})

describe('masking', () => {
  it('hides passwords and secret parameters', () => {
    expect(maskUrl('postgres://u:pw@h:5432/d?password=x&sslmode=require')).toBe('postgres://u:****@h:5432/d?password=****&sslmode=require')
    expect(scrub('auth failed for u:hunter2 at h', ['hunter2'])).toBe('auth failed for u:**** at h')
  })
})

describe('resolveDatabaseUrl', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'seedguard-env-'))

  it('prefers --db, then SEEDGUARD_DATABASE_URL, then DATABASE_URL', () => {
    const env = { SEEDGUARD_DATABASE_URL: 'sqlite:a.db', DATABASE_URL: 'sqlite:b.db' }
    expect(resolveDatabaseUrl({ flag: 'sqlite:c.db', env, cwd: dir() })).toEqual({ url: 'sqlite:c.db', source: '--db' })
    expect(resolveDatabaseUrl({ env, cwd: dir() })).toEqual({ url: 'sqlite:a.db', source: '$SEEDGUARD_DATABASE_URL' })
    expect(resolveDatabaseUrl({ env: { DATABASE_URL: 'sqlite:b.db' }, cwd: dir() })).toEqual({ url: 'sqlite:b.db', source: '$DATABASE_URL' })
  })

  it('reads .env and prisma/.env as Prisma does, with ${VAR} expansion and the schema’s variable', () => {
    const root = dir()
    writeFileSync(join(root, '.env'), 'DB_HOST=db.local\nDATABASE_URL="postgres://u:p@${DB_HOST}:5432/app" # comment\n')
    expect(resolveDatabaseUrl({ env: {}, cwd: root })).toEqual({ url: 'postgres://u:p@db.local:5432/app', source: '.env (DATABASE_URL)' })
    const other = dir()
    mkdirSync(join(other, 'prisma'))
    writeFileSync(join(other, 'prisma', '.env'), 'PRIMARY_DB=file:./dev.db\n')
    expect(resolveDatabaseUrl({ env: {}, cwd: other, variable: 'PRIMARY_DB' })?.url).toBe('file:./dev.db')
    expect(resolveDatabaseUrl({ env: {}, cwd: dir() })).toBeUndefined()
  })
})
