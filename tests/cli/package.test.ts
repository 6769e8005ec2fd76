// The package as a user installs it: packed by npm from the current sources, installed into an
// empty project with no registry and an empty cache (so a dependency it would have to download
// fails the install), then run. `check` must need nothing but what the bundle holds; `verify` of
// SQLite needs better-sqlite3, which the user installs, and is told how when it is missing.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import semver from 'semver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCli } from '../../scripts/build-cli.mjs'
import { buildGuardLibrary } from '../../scripts/build-guard.mjs'

const ROOT = join(import.meta.dirname, '..', '..')
const fixture = (name: string) => join(ROOT, 'tests', 'fixtures', 'check', name)
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  files: string[]
  engines: { node: string }
}

let base: string
let bundled: string[]
let tarball: string
/** a project with seedguard installed from the tarball, and nothing else */
let project: string

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', npm_config_cache: join(base, 'npm-cache') } })
}
const npm = (args: string[], cwd: string) => run('npm', ['--no-audit', '--no-fund', '--offline', ...args], cwd)
const seedguard = (args: string[], cwd: string, installedIn = project) => run(process.execPath, [join(installedIn, 'node_modules', 'seedguard', 'dist', 'cli.js'), ...args], cwd)

function emptyProject(name: string): string {
  const dir = join(base, name)
  mkdirSync(dir)
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }))
  return dir
}

function sqliteFile(dir: string): string {
  const file = join(dir, 'dev.db')
  const db = new Database(file)
  db.exec(`CREATE TABLE "User" (id INTEGER PRIMARY KEY, email TEXT); INSERT INTO "User" (email) VALUES ('ana.lopez@gmail.com')`)
  db.close()
  return file
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'seedguard-package-'))
  // what npm packs, with dist/ built from the sources rather than the committed one
  const staging = join(base, 'staging')
  mkdirSync(staging)
  for (const file of ['package.json', 'README.md', ...manifest.files.filter((f) => !f.startsWith('dist') && !f.startsWith('!'))]) cpSync(join(ROOT, file), join(staging, file), { recursive: true })
  bundled = await buildCli(join(staging, 'dist'))
  await buildGuardLibrary(join(staging, 'dist'))
  const packed = run('npm', ['pack', '--json', '--pack-destination', base], staging)
  expect(packed.status, packed.stderr).toBe(0)
  tarball = join(base, (JSON.parse(packed.stdout) as [{ filename: string }])[0].filename)
  project = emptyProject('user-project')
  const installed = npm(['install', tarball], project)
  expect(installed.status, installed.stderr).toBe(0)
}, 180_000)

afterAll(() => rmSync(base, { recursive: true, force: true }))

describe('the installed package', () => {
  it('installs from the tarball alone: no dependency to download or build', () => {
    expect(readdirSync(join(project, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['seedguard'])
  })

  it('checks a repository with nothing but its bundle', () => {
    // a node_modules above the temporary directory would lend the bundle what it lacks
    const above = (dir: string): string | undefined => (existsSync(join(dir, 'node_modules')) ? dir : dirname(dir) === dir ? undefined : above(dirname(dir)))
    expect(above(base), 'a node_modules directory above the temporary directory').toBeUndefined()
    const prisma = seedguard(['check', fixture('prisma-config-seed-in-release'), '--format', 'json'], project)
    expect(prisma.status, prisma.stderr).toBe(1)
    expect(JSON.parse(prisma.stdout).findings[0].message).toContain('Prisma seed command `tsx prisma/seed.ts`')
    const rake = seedguard(['check', fixture('procfile-rake-task-only-seeds'), '--format', 'json'], project)
    expect(rake.status, rake.stderr).toBe(1)
    expect(seedguard(['check', fixture('procfile-rake-task-migrates-only')], project).status).toBe(0)
  })

  it('says in one line how to install the SQLite driver when it is missing', () => {
    const file = sqliteFile(mkdtempSync(join(base, 'db-')))
    const verify = seedguard(['verify', '--db', `sqlite:${file}`], project)
    expect(verify.status).toBe(2)
    expect(verify.stderr).toBe('seedguard verify: install `better-sqlite3` to verify SQLite: `npm install --save-dev better-sqlite3`, or `npx -p seedguard -p better-sqlite3 seedguard verify …`\n')
  })

  it('verifies SQLite with the driver the project has, also when seedguard runs from elsewhere (npx)', () => {
    const app = emptyProject('app-with-driver')
    mkdirSync(join(app, 'node_modules'))
    symlinkSync(join(ROOT, 'node_modules', 'better-sqlite3'), join(app, 'node_modules', 'better-sqlite3'))
    sqliteFile(app)
    const fromCache = seedguard(['verify', '--db', 'sqlite:./dev.db', '--format', 'json'], app)
    expect(fromCache.status, fromCache.stderr).toBe(0)
    expect(JSON.parse(fromCache.stdout)).toMatchObject({ verdict: 'clean', tables: [{ name: 'User', rows: 1 }] })
  })

  it('serves seedguard/guard to CommonJS and ES module seed scripts alike: the same decision', () => {
    const app = emptyProject('app-with-guard')
    mkdirSync(join(app, 'node_modules'))
    symlinkSync(join(project, 'node_modules', 'seedguard'), join(app, 'node_modules', 'seedguard'))
    symlinkSync(join(ROOT, 'node_modules', 'better-sqlite3'), join(app, 'node_modules', 'better-sqlite3'))
    sqliteFile(app)
    const script = (load: string) =>
      `${load}\nassertSafeToSeed({ db: 'sqlite:./dev.db', env: { APP_ENV: process.argv[2] }, log: () => {} }).then(() => console.log('seeding'), (e) => console.log(e instanceof SeedRefusedError ? e.message : 'error: ' + e.message))\n`
    writeFileSync(join(app, 'seed.cjs'), script(`const { assertSafeToSeed, SeedRefusedError } = require('seedguard/guard')`))
    writeFileSync(join(app, 'seed.mjs'), script(`import { assertSafeToSeed, SeedRefusedError } from 'seedguard/guard'`))
    for (const file of ['seed.cjs', 'seed.mjs']) {
      expect(run(process.execPath, [file, 'development'], app).stdout, file).toBe('seeding\n')
      expect(run(process.execPath, [file, 'production'], app).stdout, file).toMatch(/^seedguard: refusing to run `seed\.[cm]js`: APP_ENV=production says this environment is production\./)
    }
    expect(seedguard(['protect', '--db', 'sqlite:./dev.db', '--env', 'production'], app).status).toBe(0)
    for (const file of ['seed.cjs', 'seed.mjs']) expect(run(process.execPath, [file, 'development'], app).stdout, file).toMatch(/^seedguard: refusing to run `seed\.[cm]js`: sqlite:.*dev\.db \(from --db\) is marked `production`/)
  })

  it('says in one line how to install PGlite when it is missing', () => {
    const dir = mkdtempSync(join(base, 'pglite-'))
    writeFileSync(join(dir, 'PG_VERSION'), '17\n')
    const verify = seedguard(['verify', '--db', `pglite:${dir}`], project)
    expect(verify.status).toBe(2)
    expect(verify.stderr).toBe('seedguard verify: install `@electric-sql/pglite` to verify PGlite: `npm install --save-dev @electric-sql/pglite`, or `npx -p seedguard -p @electric-sql/pglite seedguard verify …`\n')
  })
})

describe('package.json', () => {
  it('claims no Node version a bundled dependency does not support', () => {
    const packages = new Set(bundled.flatMap((file) => /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1] ?? []))
    expect(packages.size).toBeGreaterThan(5)
    const unsupported = [...packages].flatMap((dir) => {
      const { name, engines } = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as { name: string; engines?: { node?: string } }
      return engines?.node && !semver.subset(manifest.engines.node, engines.node) ? [`${name} needs Node ${engines.node}`] : []
    })
    expect(unsupported, `engines.node is ${manifest.engines.node}`).toEqual([])
  })
})
