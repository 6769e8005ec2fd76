import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import { MemoryFiles } from '../../src/project/files.js'
import { renderMessage } from '../../src/report/message.js'

// a Procfile release phase running a script: the script's comments are where the markers go
const check = (script: string, config = DEFAULT_CONFIG) =>
  runCheck('/repo', MemoryFiles.of({ Procfile: 'release: bash ./bin/release.sh\n', Gemfile: "gem 'rails'\n", 'bin/release.sh': script }), config).findings
const said = (script: string) =>
  check(script)
    .filter((f) => !f.suppressed)
    .map((f) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column}-${f.primary.end.column} ${f.rule}: ${renderMessage(f)}`)

describe('seedguard-ignore comments that suppress nothing', () => {
  it('name the rule id closest to a mistyped one', () => {
    expect(said('# seedguard-ignore[seed-in-prod]: demo data\nbundle exec rails db:seed\n')).toEqual([
      'Procfile:1:10-31 seed-in-production: `bundle exec rails db:seed` (rails) seeds the database on a production path: Heroku release phase (Procfile `release:`) in Procfile → the `release` command → `bash ./bin/release.sh` → script bin/release.sh → `bundle exec rails db:seed`',
      'bin/release.sh:1:3-44 invalid-suppression: this seedguard-ignore comment is not understood: `seed-in-prod` is not a seedguard rule (did you mean `seed-in-production`?), so nothing is suppressed for it; the form is `# seedguard-ignore[seed-in-production]: why this is safe`',
    ])
  })

  it.each([
    ['a bare marker', '# seedguard-ignore', 'it names no rule, so it suppresses nothing'],
    ['a reason without a rule', '# seedguard-ignore: demo data', 'it names no rule, so it suppresses nothing'],
    ['empty brackets', '# seedguard-ignore[]: demo data', 'it names no rule, so it suppresses nothing'],
    ['a reason without a colon', '# seedguard-ignore[seed-in-production] demo data', 'the reason goes after a colon, so this suppresses nothing'],
    ['an eslint-style marker', '# seedguard-ignore-next-line seed-in-production', 'it names no rule, so it suppresses nothing'],
    ['an id nothing resembles', '# seedguard-ignore[everything]: demo data', '`everything` is not a seedguard rule (rules: seed-in-production, seed-possibly-in-production'],
  ])('%s', (_, comment, problem) => {
    const findings = check(`${comment}\nbundle exec rails db:seed\n`)
    expect(findings.map((f) => `${f.suppressed ? 'suppressed ' : ''}${f.rule}`)).toEqual(['seed-in-production', 'invalid-suppression'])
    expect(renderMessage(findings[1]!)).toContain(problem)
    expect(findings[1]!.primary.start).toMatchObject({ line: 1, column: 3 })
  })

  it('flags a marker that covers no finding, and not one that does', () => {
    expect(said('# seedguard-ignore[seed-in-production]: lookup tables only\nbundle exec rails db:seed\n# seedguard-ignore[seed-in-production]: the seed moved away\nbundle exec rails db:migrate\n')).toEqual([
      'bin/release.sh:3:3-60 unused-suppression: this seedguard-ignore comment suppresses nothing: no `seed-in-production` finding is reported on this line or the next; remove it, or it would hide a seed command written below it later',
    ])
  })

  it('counts a marker as used when an allow entry covers the same finding', () => {
    const config = { ...DEFAULT_CONFIG, allow: [{ file: 'bin/**', rule: 'seed-in-production', reason: 'lookup tables only' }] }
    expect(check('# seedguard-ignore[seed-in-production]: lookup tables only\nbundle exec rails db:seed\n', config).filter((f) => !f.suppressed)).toEqual([])
  })

  it.each([
    ['another word', '# seedguard-ignored on purpose'],
    ['no comment', 'echo https://example.com/#seedguard-ignore'],
  ])('leaves alone %s', (_, line) => {
    expect(check(`${line}\nbundle exec rails db:migrate\n`)).toEqual([])
  })
})
