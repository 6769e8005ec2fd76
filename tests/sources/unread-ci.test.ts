import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'
import { renderMessage } from '../../src/report/message.js'

const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of(files), DEFAULT_CONFIG).findings
const located = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column}-${f.primary.end.line}:${f.primary.end.column} ${f.severity} [${f.rule}]`
const seedJob = 'deploy:\n  script:\n    - npx prisma db seed\n'

describe('CI and deploy systems seedguard does not read', () => {
  it.each([
    ['.woodpecker.yml', 'Woodpecker CI'],
    ['.semaphore/semaphore.yml', 'Semaphore'],
    ['appveyor.yml', 'AppVeyor'],
  ])('%s: a note at its first character, naming %s', (file, system) => {
    const findings = check({ [file]: seedJob })
    expect(findings.map(located)).toEqual([`${file}:1:1-1:2 note [ci-not-analysed]`])
    expect(renderMessage(findings[0]!)).toBe(`${system} is not analysed: seedguard does not read its configuration; seeds run from this file are not checked`)
  })

  it('only the default file at the repository root, and nothing for a repository without one', () => {
    expect(check({ 'vendor/lib/appveyor.yml': seedJob, 'docs/.woodpecker.yml': seedJob })).toEqual([])
    expect(check({ 'package.json': '{"scripts":{"build":"next build"}}' })).toEqual([])
  })

  it('stays quiet for files the config ignores', () => {
    const findings = runCheck('/repo', MemoryFiles.of({ 'appveyor.yml': seedJob }), { ...DEFAULT_CONFIG, ignore: ['appveyor.yml'] }).findings
    expect(findings).toEqual([])
  })
})

describe('AWS CodeDeploy hooks seedguard cannot read', () => {
  it('an ECS or Lambda AppSpec names Lambda functions: a note, not a silent pass', () => {
    const findings = check({ 'appspec.yml': 'version: 0.0\nHooks:\n  - AfterAllowTestTraffic: "CheckCanary"\n' })
    expect(findings.map(located)).toEqual(['appspec.yml:1:1-1:2 note [ci-not-analysed]'])
  })
})
