import { describe, expect, it } from 'vitest'
import type { ShellSource } from '../../src/model/context.js'
import { parseShell } from '../../src/shell/parse.js'
import { LineIndex } from '../../src/util/line-index.js'

// One text is walked once and placed in every file that holds it: each file must still get its own
// positions, and a placed result must not share anything a consumer could change with another file's.
const SCRIPT = 'if [ "$NODE_ENV" != production ]; then\n  npm run seed\nfi\npsql "$DATABASE_URL" <<SQL\nTRUNCATE users;\nSQL\n'

function placedIn(file: string, prefix: string) {
  const lines = new LineIndex(file, `${prefix}${SCRIPT}`)
  const source: ShellSource = { text: SCRIPT, offsets: (i) => prefix.length + i, file, shell: 'bash' }
  return { lines, parsed: parseShell(source, lines, '.') }
}

describe('the walk of a text placed in each file', () => {
  const first = placedIn('a.sh', '')
  const second = placedIn('deploy/b.sh', '#!/bin/sh\n# three lines\n# before it\n')

  it('gives each file its own spans, from the same text', () => {
    const seed = (p: typeof first) => p.parsed.commands.find((c) => c.words[0]?.value === 'npm')!
    expect(seed(first).span).toMatchObject({ file: 'a.sh', start: { line: 2, column: 3 } })
    expect(seed(second).span).toMatchObject({ file: 'deploy/b.sh', start: { line: 5, column: 3 } })
    expect(seed(second).words[2]!.span).toMatchObject({ file: 'deploy/b.sh', start: { line: 5, column: 11 }, end: { line: 5, column: 15 } })
    expect(seed(second).guards[0]!.span).toMatchObject({ file: 'deploy/b.sh', start: { line: 4 } })
  })

  it("places a here-document's offsets in its file", () => {
    const psql = second.parsed.commands.find((c) => c.words[0]?.value === 'psql')!
    const offset = psql.heredoc!.offsets(0)
    expect(second.lines.position(offset)).toMatchObject({ line: 8, column: 1 })
    expect(second.lines.text.slice(offset, offset + 8)).toBe('TRUNCATE')
  })

  it('shares nothing a consumer could change between files', () => {
    const a = first.parsed.commands[0]!
    const b = second.parsed.commands[0]!
    expect(a).not.toBe(b)
    expect(a.words).not.toBe(b.words)
    expect(a.guards).not.toBe(b.guards)
    expect(a.assignments).not.toBe(b.assignments)
  })

  it("runs each file's `cd`s from its own directory", () => {
    const text = 'cd ../api && npm run seed\ncd ../../.. && make deploy\n'
    const cwds = (cwd: string) => parseShell({ text, offsets: (i) => i, file: 'x.sh', shell: 'sh' }, new LineIndex('x.sh', text), cwd).commands.map((c) => c.cwd)
    expect(cwds('apps/web')).toEqual(['apps/api', 'apps/api'])
    // a target above the repository root leaves the directory as it was, as a lone `cd` would
    expect(cwds('.')).toEqual(['.', '.'])
    expect(cwds('a/b/c/d')).toEqual(['a/b/c/api', 'a'])
  })
})
