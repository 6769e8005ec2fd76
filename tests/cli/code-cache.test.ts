import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadCompiled } from '../../src/cli/code-cache.js'

interface Core {
  answer: number
  twice(n: number): number
}

describe('loadCompiled', () => {
  let base: string
  let bundle: string
  const previousTmp = process.env.TMPDIR
  const cacheDir = () => join(base, 'tmp', readdirSync(join(base, 'tmp'))[0] ?? 'none')
  const cacheFile = () => join(cacheDir(), readdirSync(cacheDir())[0] ?? 'none')

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'seedguard-code-cache-test-'))
    bundle = join(base, 'core-ABC123.cjs')
    writeFileSync(bundle, 'const { offset } = require("host:provided"); const path = require("node:path"); exports.answer = offset + path.sep.length; exports.twice = (n) => n * 2')
    process.env.TMPDIR = join(base, 'tmp')
  })
  afterEach(() => {
    if (previousTmp === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = previousTmp
    rmSync(base, { recursive: true, force: true })
  })

  const load = (variant = 'check') => loadCompiled<Core>(bundle, { 'host:provided': { offset: 41 } }, variant)

  it('runs the bundle with provided modules and Node built-ins, then keeps its compiled code', () => {
    const first = load()
    expect(first.exports.answer).toBe(42)
    expect(first.exports.twice(4)).toBe(8)
    first.save()
    expect(statSync(cacheFile()).size).toBeGreaterThan(0)
    expect(statSync(cacheDir()).mode & 0o077).toBe(0)
  })

  it('reads the cache on the next start and leaves it alone', () => {
    load().save()
    const written = statSync(cacheFile()).mtimeMs
    const second = load()
    expect(second.exports.twice(21)).toBe(42)
    second.save()
    expect(statSync(cacheFile()).mtimeMs).toBe(written)
  })

  it('keeps one cache per variant, so one kind of run does not decide what another finds compiled', () => {
    load('other').save()
    load('check').save()
    expect(readdirSync(cacheDir()).sort()).toEqual([expect.stringContaining('-check-'), expect.stringContaining('-other-')])
  })

  it('compiles afresh and rewrites a cache V8 rejects', () => {
    load().save()
    // a source this process has not compiled yet: V8 consults the cache only then
    writeFileSync(bundle, `${readFileSync(bundle, 'utf8')}; exports.rebuilt = ${Date.now()}`)
    writeFileSync(cacheFile(), 'not a code cache')
    const again = load()
    expect(again.exports.answer).toBe(42)
    again.save()
    expect(readFileSync(cacheFile()).toString()).not.toBe('not a code cache')
  })

  it.skipIf(process.getuid === undefined)('ignores a cache directory others can write to', () => {
    load().save()
    chmodSync(cacheDir(), 0o777)
    writeFileSync(cacheFile(), 'planted')
    const loaded = load()
    expect(loaded.exports.answer).toBe(42)
    loaded.save()
    expect(readFileSync(cacheFile()).toString()).toBe('planted')
  })

  it('runs without a cache when the temporary directory cannot be written', () => {
    writeFileSync(join(base, 'tmp'), 'a file where the directory would go')
    const loaded = load()
    expect(loaded.exports.answer).toBe(42)
    expect(() => loaded.save()).not.toThrow()
  })
})
