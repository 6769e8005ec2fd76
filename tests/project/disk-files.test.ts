import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import { DiskFiles } from '../../src/project/files.js'

const roots: string[] = []
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })))

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'seedguard-disk-files-'))
  roots.push(root)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

// After the walk, a path it did not list is answered without going to the disk; what the walk
// does not see (skipped directories, paths through a link) is still read from it.
describe('DiskFiles.read after the walk', () => {
  it('reads listed files, and not unlisted ones', () => {
    const files = new DiskFiles(repo({ 'app/package.json': '{}', 'app/Procfile': 'web: node .' }))
    expect(files.list()).toEqual(['app/Procfile', 'app/package.json'])
    expect(files.read('app/Procfile')).toBe('web: node .')
    expect(files.read('app/heroku.yml')).toBeUndefined()
  })

  it('still reads inside skipped directories and through unnormalised paths', () => {
    const files = new DiskFiles(repo({ 'package.json': '{}', 'node_modules/prisma/package.json': '{"name":"prisma"}' }))
    files.list()
    expect(files.read('node_modules/prisma/package.json')).toBe('{"name":"prisma"}')
    expect(files.read('./package.json')).toBe('{}')
  })

  it('still reads through a linked directory', () => {
    const root = repo({ 'shared/deploy.sh': 'npx prisma db seed\n' })
    symlinkSync(join(root, 'shared'), join(root, 'scripts'))
    const files = new DiskFiles(root)
    files.list()
    expect(files.read('scripts/deploy.sh')).toBe('npx prisma db seed\n')
  })
})

// a misread byte could turn a guard into something it is not: such a file is not read, and says why
describe('DiskFiles.whyUnreadable', () => {
  it('names text that is not UTF-8, and binary content', () => {
    const root = repo({ 'package.json': '{}' })
    writeFileSync(join(root, 'release.sh'), Buffer.from('# caf\xe9\nknex seed:run\n', 'latin1'))
    writeFileSync(join(root, 'Procfile'), Buffer.from([0x77, 0x65, 0x62, 0x3a, 0x00]))
    const files = new DiskFiles(root)
    expect(files.read('release.sh')).toBeUndefined()
    expect(files.whyUnreadable('release.sh')).toEqual({ cause: 'encoding', message: 'not UTF-8 text' })
    expect(files.whyUnreadable('Procfile')).toEqual({ cause: 'encoding', message: 'binary, not text' })
    expect(files.whyUnreadable('package.json')).toBeUndefined()
    expect(files.whyUnreadable('missing.sh')).toBeUndefined()
  })
})

describe('DiskFiles at its file limit', () => {
  it('names every directory the walk did not reach, so a deploy config there is never passed over in silence', () => {
    const root = repo({ 'a.txt': '', 'b.txt': '', 'deploy/Procfile': 'release: npx knex seed:run\n', 'deploy/package.json': '{}' })
    const files = new DiskFiles(root, 2)
    expect(files.list()).toEqual(['a.txt', 'b.txt'])
    expect(files.unlisted()).toEqual([{ path: 'deploy', why: { cause: 'size', message: 'not listed: the check stops listing after 2 files' } }])
    const findings = runCheck(root, files, DEFAULT_CONFIG).findings
    expect(findings.map((f) => `${f.primary.file} ${f.severity} ${f.rule}: ${f.detail}`)).toEqual([
      'deploy error parse-error: directory cannot be listed (not listed: the check stops listing after 2 files): a deploy config in it would not be seen',
    ])
  })
})
