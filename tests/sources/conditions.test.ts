import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import { conditionReasons } from '../../src/sources/github/conditions.js'

const span = { file: 'w.yml', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } }
const judge = (condition: string) => conditionReasons(condition, DEFAULT_CONFIG, span).map((r) => `${r.kind}:${r.towards ? 'towards' : 'against'}`)

describe('what an if: says about production', () => {
  it.each<[string, string[]]>([
    ["github.event_name == 'pull_request'", ['condition:against']],
    ["${{ github.event_name != 'push' }}", ['condition:against']],
    ["github.ref != 'refs/heads/main'", ['condition:against']],
    ["github.ref == 'refs/heads/develop'", ['condition:against']],
    ["github.ref == 'refs/heads/main'", ['condition:towards']],
    ["inputs.environment == 'staging'", ['condition:against']],
    ["github.event.inputs.target == 'production'", ['environment:towards']],
    ["inputs.environment != 'production'", ['condition:against']],
    ['false', ['condition:against']],
    ['${{ false }}', ['condition:against']],
    // nektos/act sets ACT and the actor `nektos/act`; GitHub never does (#c44)
    ["${{ github.actor == 'nektos/act' }}", ['condition:against']],
    ['${{ env.ACT }}', ['condition:against']],
    ["env.ACT == 'true' && github.ref == 'refs/heads/main'", ['condition:against']],
    ['(env.ACT)', ['condition:against']],
    ['github.event.act', ['condition:against']],
    ['${{ !github.event.act }}', []],
    ['${{ !env.ACT }}', []],
    ["github.actor != 'nektos/act'", []],
    ['!(env.ACT)', []],
    ["github.actor == 'octocat'", []],
    // either side may hold: nothing is certain
    ["github.event_name == 'pull_request' || github.ref == 'refs/heads/main'", []],
    ["contains(github.event.head_commit.message, '[seed]')", []],
    ['success()', []],
  ])('%s', (condition, expected) => {
    expect(judge(condition)).toEqual(expected)
  })
})
