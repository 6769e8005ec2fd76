import { describe, expect, it } from 'vitest'
import { COMMENT_MAX_BYTES, SUMMARY_MAX_BYTES } from '../../src/action/limits.js'
import { cell, renderMarkdown, type MarkdownOptions } from '../../src/report/markdown.js'
import { tally } from '../../src/report/verdict.js'
import type { Finding } from '../../src/model/finding.js'
import type { CheckResult } from '../../src/model/result.js'
import type { Span } from '../../src/model/span.js'

function span(file: string, line: number): Span {
  return { file, start: { line, column: 3, offset: line * 10 }, end: { line, column: 9, offset: line * 10 + 6 } }
}

/** `n` seed findings, each with a chain of `hops` long labels: a repository at its worst. */
function resultOf(n: number, hops = 3, label = 'x'.repeat(200)): CheckResult {
  const findings: Finding[] = Array.from({ length: n }, (_, i) => ({
    rule: 'seed-in-production',
    severity: 'error',
    primary: span(`scripts/seed-${i}.sh`, i + 1),
    chain: Array.from({ length: hops }, (_, h) => ({ span: span(`scripts/seed-${i}.sh`, h + 1), label: `${label} ${h}` })),
    seed: { tool: 'prisma', command: 'prisma db seed', docs: '', effects: ['seed'] },
    confidence: 'high',
  }))
  return { root: '/repo', findings, stats: { files: n, contexts: 1, productionContexts: 1, suppressed: 0, durationMs: 12 } }
}

const options = (maxBytes: number): MarkdownOptions => ({ failOn: 'error', path: '.', seeAlso: ['the SARIF file seedguard.sarif', 'the log of this step'], notes: [], maxBytes })

describe('the Markdown summary', () => {
  it('stays under the 1 MiB step summary limit and says what it left out and where to find it', () => {
    const result = resultOf(5_000, 8)
    const text = renderMarkdown(result, tally(result, 'error'), options(SUMMARY_MAX_BYTES))
    expect(Buffer.byteLength(text)).toBeLessThan(1024 * 1024)
    expect(Buffer.byteLength(text)).toBeGreaterThan(900 * 1024)
    const shown = text.match(/^\| 🛑 error /gm)!.length
    expect(text).toContain(`_${5_000 - shown} more findings did not fit here (GitHub limits the size). All of them are in the SARIF file seedguard.sarif, the log of this step._`)
  })

  it('stays under a comment body limit', () => {
    const result = resultOf(400)
    const text = renderMarkdown(result, tally(result, 'error'), options(COMMENT_MAX_BYTES))
    expect(text.length).toBeLessThan(65_536)
    expect(text).toMatch(/more findings did not fit here/)
  })

  it('keeps everything when it fits', () => {
    const result = resultOf(3)
    const text = renderMarkdown(result, tally(result, 'error'), options(SUMMARY_MAX_BYTES))
    expect(text.match(/^\| 🛑 error /gm)).toHaveLength(3)
    expect(text).not.toContain('did not fit')
    expect(text).toContain('The step fails: 3 findings at or above fail-on `error`.')
  })

  it('shows the notes of features that stepped back', () => {
    const result = resultOf(0)
    const text = renderMarkdown(result, tally(result, 'error'), { ...options(SUMMARY_MAX_BYTES), notes: ['The check run was skipped.'] })
    expect(text).toBe('### ✅ seedguard: no seed command reaches production\n\nChecked 0 files and 1 production context in 12 ms.\n\n> [!NOTE]\n> The check run was skipped.\n')
  })
})

describe('a table cell', () => {
  it('keeps code spans as they are, pipes escaped', () => {
    expect(cell('`a && b | c`')).toBe('`a && b \\| c`')
  })

  it('turns repository text outside code spans into text, not HTML', () => {
    expect(cell('job <script>alert(1)</script> & `x<y`')).toBe('job &lt;script&gt;alert(1)&lt;/script&gt; &amp; `x<y`')
  })

  it('keeps to one line', () => {
    expect(cell('one\ntwo\r\nthree | four')).toBe('one two three \\| four')
  })
})
