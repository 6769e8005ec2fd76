import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCheck } from '../src/analysis/check.js'
import { loadConfig } from '../src/config/load.js'
import { readFacts } from '../src/seeds/facts/index.js'
import { DiskFiles, FileCache } from '../src/project/files.js'

// seedguard's own repository is full of seeding configs, all of them test fixtures, examples and
// source files named like Dockerfiles: none is deployed, and it checks clean without an ignore list
describe('seedguard check on its own repository', () => {
  it('finds nothing to fail on', async () => {
    const root = join(import.meta.dirname, '..')
    const files = new DiskFiles(root)
    const cache = new FileCache(files)
    const config = loadConfig(cache)
    expect(config.ignore).toEqual([])
    const result = runCheck(root, files, config, await readFacts(cache))
    expect(result.findings.filter((f) => f.severity !== 'note').map((f) => `${f.primary.file}:${f.primary.start.line}: ${f.detail ?? f.rule}`)).toEqual([])
  }, 60_000)
})
