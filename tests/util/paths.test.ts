import { describe, expect, it } from 'vitest'
import { joinPath, relativePath } from '../../src/util/paths.js'

describe('relativePath', () => {
  it('names a file from a directory, climbing out of it where needed', () => {
    expect(relativePath('.', 'ops/boot.sh')).toBe('ops/boot.sh')
    expect(relativePath('web', 'web/bin/start')).toBe('bin/start')
    expect(relativePath('web/api', 'ops/boot.sh')).toBe('../../ops/boot.sh')
    expect(relativePath('ops', 'ops')).toBe('../ops')
  })
  it('is what joinPath undoes', () => {
    for (const [dir, file] of [['a/b', 'a/c/d.sh'], ['.', 'x.sh'], ['a', 'b.sh']] as const) expect(joinPath(dir, relativePath(dir, file))).toBe(file)
  })
})
