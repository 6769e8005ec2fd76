import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCheck } from '../src/analysis/check.js'
import { loadConfig } from '../src/config/load.js'
import { readFacts } from '../src/seeds/facts/index.js'
import { DiskFiles, FileCache } from '../src/project/files.js'

// Golden fixtures (actionlint testdata style): each case is a small repository and an
// expected.txt with one `file:line:col: severity [rule]` per unsuppressed finding; `/…/` lines
// are regular expressions; an empty expected.txt means the case must stay silent. A case may
// carry its own .seedguard.yml.
const root = join(import.meta.dirname, 'fixtures', 'check')

describe('seedguard check fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, async () => {
      const dir = join(root, name)
      const expected = readFileSync(join(dir, 'expected.txt'), 'utf8').split('\n').filter(Boolean)
      const files = new DiskFiles(dir)
      const cache = new FileCache(files)
      // the facts every front end reads first (rake tasks, prisma.config.ts), as the CLI does
      const result = runCheck(dir, files, loadConfig(cache), await readFacts(cache))
      const got = result.findings
        .filter((f) => !f.suppressed)
        .map((f) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column}: ${f.severity} [${f.rule}]`)
      expect(got.length, `findings: ${JSON.stringify(got)}`).toBe(expected.length)
      expected.forEach((line, i) => {
        if (line.startsWith('/') && line.endsWith('/')) expect(got[i]).toMatch(new RegExp(line.slice(1, -1)))
        else expect(got[i]).toBe(line)
      })
    })
  }
})
