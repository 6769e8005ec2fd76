// The whole cycle through the CLI: plan, apply into a real archive, restore; the database comes
// back identical, row by row.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DIALECTS, type TestDialect } from '../verify/dialects.js'
import { run } from '../protect/run.js'
import { guide } from './guide.js'
import { dump, ids } from './helpers.js'
import { schemaSql, type TableSpec } from './schema.js'
import { OPTIONS, teams } from './teams.js'

const CASES: Array<[string, TableSpec[], string[]]> = [
  ['the guide’s seed run', guide().tables, []],
  ['the guide’s --scope all', guide().tables, ['--scope', 'all']],
  ['CASCADE, SET NULL, a self-reference and a join table', teams(), ['--scope', 'all', '--table', 'team', '--keep-where', `member:${OPTIONS.keepWhere[0]!.where}`]],
  ['RESTRICT, leaf by leaf', teams('restrict'), ['--scope', 'all', '--table', 'team', '--keep-where', `member:${OPTIONS.keepWhere[0]!.where}`]],
]

describe.each(DIALECTS)('cleanup, then restore, on $id', (dialect: TestDialect) => {
  it.each(CASES)('%s: the database comes back identical', async (_, tables, args) => {
    const db = await dialect.createWith('cleanup_roundtrip', (family) => schemaSql(family, tables))
    const cwd = mkdtempSync(join(tmpdir(), 'seedguard-cleanup-'))
    const names = tables.map((t) => t.name)
    try {
      const before = await dump(db, names)
      const options = [...args, ...(db.schemas ? ['--schema', db.schemas[0]!] : [])]
      const planned = await run(['cleanup', '--db', db.url, '--plan', '--format', 'json', ...options], {}, cwd)
      expect(planned.code).toBe(0)
      const applied = await run(['cleanup', '--db', db.url, '--apply', JSON.parse(planned.stdout).hash, '--archive', 'rows.jsonl', ...options], {}, cwd)
      expect(applied.stderr).not.toContain('error')
      expect(applied.code).toBe(0)
      expect(await dump(db, names)).not.toEqual(before)
      if (names.includes('User')) expect(await ids(db, 'User')).toHaveLength(args.includes('all') ? 0 : 300)
      const restored = await run(['restore', '--db', db.url, join(cwd, 'rows.jsonl')], {}, cwd)
      expect(restored.stderr).not.toContain('error')
      expect(restored.code).toBe(0)
      expect(await dump(db, names)).toEqual(before)
    } finally {
      await db.drop()
    }
  }, 120_000)
})
