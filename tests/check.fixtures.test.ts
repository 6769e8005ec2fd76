import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCheck } from '../src/analysis/check.js'
import type { Finding } from '../src/model/finding.js'
import { loadConfig } from '../src/config/load.js'
import { readFacts } from '../src/seeds/facts/index.js'
import { DiskFiles, FileCache } from '../src/project/files.js'
import { findingHeader, findingMismatches, parseExpected } from './helpers/expected-findings.js'

// Golden fixtures (actionlint testdata style): each case is a small repository and an
// expected.txt with one `file:line:col: severity [rule]` per unsuppressed finding; `/…/` lines
// are regular expressions; an empty expected.txt means the case must stay silent. A case may
// carry its own .seedguard.yml.
// A location alone does not show that a seed was found for the right reason, so indented lines
// under a finding assert why it is one:
//   `  via <text>`        some hop label of its chain contains <text>; several match hops in order
//   `  because <text>`    some reason of its production verdict contains <text>
//   `  confidence <high|medium|low>`
// Pick distinctive substrings (the entry point, the hop carrying the seed, the decisive reason),
// not incidental wording. A mismatch prints the finding's actual chain and reasons.
const root = join(import.meta.dirname, 'fixtures', 'check')

describe('seedguard check fixtures', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, async () => {
      const dir = join(root, name)
      const expected = parseExpected(readFileSync(join(dir, 'expected.txt'), 'utf8'))
      const files = new DiskFiles(dir)
      const cache = new FileCache(files)
      // the facts every front end reads first (rake tasks, prisma.config.ts), as the CLI does
      const result = runCheck(dir, files, loadConfig(cache), await readFacts(cache))
      const got = result.findings.filter((f) => !f.suppressed)
      expect(got.length, `findings: ${JSON.stringify(got.map(findingHeader))}`).toBe(expected.length)
      const mismatches = expected.flatMap((finding, i) => findingMismatches(finding, got[i]!))
      expect(mismatches.join('\n')).toBe('')
    })
  }
})

// The runner has to be able to fail: a wrong `via`, `because` or confidence is a mismatch.
describe('expected.txt assertions', () => {
  const at = (line: number) => ({ file: 'Dockerfile', start: { line, column: 1, offset: 0 }, end: { line, column: 2, offset: 1 } })
  const finding: Finding = {
    rule: 'seed-in-production',
    severity: 'error',
    primary: at(5),
    chain: [
      { span: at(1), label: 'container start of Dockerfile (final stage)' },
      { span: at(5), label: 'CMD' },
      { span: at(5), label: '`npx prisma db seed`' },
    ],
    production: {
      verdict: 'production',
      confidence: 'high',
      reasons: [{ kind: 'platform-phase', towards: true, detail: 'runs on every container start of the image' }],
    },
    confidence: 'high',
  }
  const check = (text: string) => findingMismatches(parseExpected(text)[0]!, finding)

  it('holds when every hop and reason is there, hops in chain order', () => {
    expect(check('Dockerfile:5:1: error [seed-in-production]\n  via container start\n  via prisma db seed\n  because every container start\n  confidence high\n')).toEqual([])
  })
  it('fails on a hop the chain does not have, and shows the actual chain and reasons', () => {
    const mismatches = check('Dockerfile:5:1: error [seed-in-production]\n  via docker-compose.yml\n')
    expect(mismatches).toContain('  no hop contains `via docker-compose.yml`')
    expect(mismatches).toContain('  1. container start of Dockerfile (final stage)')
    expect(mismatches).toContain('  + runs on every container start of the image')
  })
  it('fails on hops out of chain order', () => {
    expect(check('Dockerfile:5:1: error [seed-in-production]\n  via prisma db seed\n  via CMD\n')).toContain('  no hop after hop 3 contains `via CMD`')
  })
  it('fails on a reason the verdict does not give', () => {
    expect(check('Dockerfile:5:1: error [seed-in-production]\n  because NODE_ENV=production\n')).toContain('  no reason contains `because NODE_ENV=production`')
  })
  it('fails on another confidence', () => {
    expect(check('Dockerfile:5:1: error [seed-in-production]\n  confidence low\n')).toContain('  expected confidence low, got high')
  })
  it('refuses an assertion it cannot place', () => {
    expect(() => parseExpected('  via CMD\n')).toThrow(/before any finding line/)
    expect(() => parseExpected('Dockerfile:5:1: error [seed-in-production]\n  vai CMD\n')).toThrow(/expected `via <text>`/)
    expect(() => parseExpected('Dockerfile:5:1: error [seed-in-production]\n  confidence certain\n')).toThrow(/confidence is one of/)
  })
})
