import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import { namedTargetContext } from '../../src/sources/named-targets.js'

const at = (name: string) => ({ name, at: 0, span: { file: 'justfile', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: name.length + 1, offset: name.length } } })
const verdict = (name: string) => {
  const context = namedTargetContext('justfile recipe', 'justfile', at(name), { runner: 'just', options: '-f justfile' }, DEFAULT_CONFIG)
  return context === undefined ? 'none' : context.reasons[0]!.weak ? 'weak' : 'production'
}

describe('task runner targets named for production or deploying', () => {
  it.each([
    ['deploy-prod', 'production'],
    ['release', 'weak'],
    ['prod', 'production'],
    // a git pull or an rsync to the server is how a deploy goes: still an entry point
    ['pull-deploy-prod', 'production'],
    ['sync-prod', 'production'],
    // where production data comes from or goes: a person's own task, not a deploy
    ['restore-prod-db', 'none'],
    ['backup-production', 'none'],
    ['dump-prod-data', 'none'],
    ['deploy-staging', 'none'],
    ['build', 'none'],
  ])('%s → %s', (name, expected) => expect(verdict(name)).toBe(expected))

  it('the person types the runner, its options and the name; the name is where it points', () => {
    const context = namedTargetContext('justfile recipe', 'justfile', at('ship-prod'), { runner: 'just', options: '-f justfile' }, DEFAULT_CONFIG)!
    const step = context.steps[0]!
    expect(step.label).toBe('just ship-prod')
    expect(step.source!.text).toBe('just -f justfile ship-prod')
    expect(step.source!.offsets(step.source!.text.length - 'ship-prod'.length)).toBe(0)
  })
})
