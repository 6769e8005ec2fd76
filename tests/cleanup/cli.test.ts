import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cleanup, type ArchiveFormat } from '../../src/cli/cleanup.js'
import { DIALECTS, type TestDatabase, type TestDialect } from '../verify/dialects.js'
import { run as runCli } from '../protect/run.js'
import { guide } from './guide.js'
import { ids, sqlOf } from './helpers.js'
import { MemoryArchive, plainCodec } from './memory-archive.js'
import { schemaSql } from './schema.js'

const GUIDE = guide()

/** the command with an archive format that keeps the rows in memory */
async function run(args: string[], cwd: string) {
  const archives: MemoryArchive[] = []
  const format: ArchiveFormat = {
    codecFor: (dialect) => plainCodec(sqlOf(dialect)),
    createArchive: async (_path, header) => (archives.push(new MemoryArchive(header)), archives[archives.length - 1]!),
  }
  let stdout = ''
  let stderr = ''
  const code = await cleanup(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd, env: { NO_COLOR: '1' } }, format)
  return { code, stdout, stderr, archive: archives[0] }
}

describe.each(DIALECTS)('seedguard cleanup on $id', (dialect: TestDialect) => {
  let db: TestDatabase
  const cwd = mkdtempSync(join(tmpdir(), 'seedguard-cleanup-'))
  beforeAll(async () => {
    db = await dialect.createWith('cleanup_cli', (family) => schemaSql(family, GUIDE.tables))
  }, 60_000)
  afterAll(async () => {
    await db?.drop()
  }, 60_000)
  const schema = () => (db.schemas ? ['--schema', db.schemas[0]!] : [])

  it('--plan: per table the rows and why, children first, what stays, the hash and the command that applies it; writes nothing', async () => {
    const { code, stdout, stderr } = await run(['--db', db.url, '--plan', ...schema()], cwd)
    expect(stderr).toMatch(/opening a writable session on .* \(the plan rolls back: nothing is written\)/)
    expect(code).toBe(0)
    expect(stdout).toContain('Nothing was written')
    expect(stdout).toMatch(/\d\. Session +delete 40 rows\n +40 +creation-bursts \(createdAt\)[^]*\d\. User +delete 40 rows\n +40 +creation-bursts \(createdAt\)/)
    expect(stdout).toContain('Admin: 1 row, admin accounts (the Admin table)')
    expect(stdout).toMatch(/Plan hash: [0-9a-f]{64}\n/)
    expect(stdout).toMatch(/seedguard cleanup --db \S+ (--schema \S+ )?--apply [0-9a-f]{64} --archive seedguard-cleanup-\d{14}\.jsonl/)
    expect(stdout + stderr).not.toContain('seedguard-test')
    expect(await ids(db, 'User')).toHaveLength(340)
    const all = await run(['--db', db.url, '--plan', '--scope', 'all', '--table', 'User', ...schema()], cwd)
    expect(all.stdout).toMatch(/Session +delete [\d,]+ rows\n +[\d,]+ +reached from User through Session\.userId \(ON DELETE RESTRICT\)/)
    expect(all.stdout).toContain('--scope all --table User')
  }, 120_000)

  it('--format json and markdown carry the same plan', async () => {
    const json = await run(['--db', db.url, '--plan', '--format', 'json', ...schema()], cwd)
    const plan = JSON.parse(json.stdout)
    expect(plan).toMatchObject({ scope: 'seeded', problems: [], hash: expect.stringMatching(/^[0-9a-f]{64}$/), command: expect.stringContaining('--apply') })
    const markdown = await run(['--db', db.url, '--plan', '--format', 'markdown', ...schema()], cwd)
    expect(markdown.stdout).toContain('| # | table | action | why |')
    expect(markdown.stdout).toContain(plan.hash)
  }, 120_000)

  it('--apply: refuses a hash the data no longer has (exit 1), applies the reviewed one, and logs both', async () => {
    const { stdout } = await run(['--db', db.url, '--plan', '--format', 'json', ...schema()], cwd)
    const { hash } = JSON.parse(stdout)
    const log = join(cwd, `${dialect.id}.log`)
    const stale = await run(['--db', db.url, '--apply', 'f'.repeat(64), '--archive', 'x.jsonl', '--log', log, ...schema()], cwd)
    expect(stale.code).toBe(1)
    expect(stale.stderr).toContain('the data changed since the plan was made')
    expect(stale.archive!.state).toBe('aborted')
    const applied = await run(['--db', db.url, '--apply', hash, '--archive', 'x.jsonl', '--log', log, ...schema()], cwd)
    expect(applied.stderr).not.toContain('error')
    expect(applied.code).toBe(0)
    expect(applied.stdout).toMatch(/User +340 → 300/)
    expect(applied.stdout).toContain('Undo: seedguard restore')
    expect(applied.archive!.state).toBe('finished')
    const entries = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    expect(entries.map((e) => e.outcome)).toEqual(['refused', 'applied'])
    expect(entries[1]).toMatchObject({ by: expect.stringContaining('@'), hash, counts: expect.arrayContaining([{ table: 'User', before: 340, after: 300 }]), plan: { hash } })
    expect(await ids(db, 'User')).toHaveLength(300)
  }, 120_000)
})

describe('seedguard cleanup usage', () => {
  const cwd = tmpdir()
  it.each([
    [['--db', 'sqlite:x.db'], 'say what to do'],
    [['--db', 'sqlite:x.db', '--apply', 'abc', '--archive', 'a'], '64 hexadecimal digits'],
    [['--db', 'sqlite:x.db', '--apply', 'a'.repeat(64)], '--apply needs --archive'],
    [['--db', 'sqlite:x.db', '--plan', '--table', 'User'], '--table chooses the tables --scope all empties'],
    [['--db', 'sqlite:x.db', '--plan', '--keep-where', 'User'], '--keep-where takes <table>:<SQL condition>'],
    [['--plan'], '--db <url> is required'],
  ])('%j: exit 2, saying why', async (args, message) => {
    const { code, stderr } = await run(args, cwd)
    expect(code).toBe(2)
    expect(stderr).toContain(message)
  })

  it('is a command of the CLI, with its help', async () => {
    const { code, stdout } = await runCli(['cleanup', '--help'])
    expect(code).toBe(0)
    expect(stdout).toContain('seedguard cleanup --db <url> --apply <plan hash> --archive <file>')
    expect((await runCli(['--help'])).stdout).toContain('cleanup --db URL --plan')
  })
})
