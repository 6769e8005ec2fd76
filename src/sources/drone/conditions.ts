// When a Drone pipeline or step runs: `trigger:` https://docs.drone.io/pipeline/triggers/ and step
// `when:` https://docs.drone.io/pipeline/conditions/ . Every key listed must match (glob patterns,
// a list or `include:`/`exclude:`); `branch` is the target branch of a pull request and does not
// exist for a tag; `target` is the environment a build is promoted or rolled back to
// (https://docs.drone.io/promote/), empty for every other event.
import picomatch from 'picomatch'
import type { SeedguardConfig } from '../../config/types.js'
import type { ProductionReason } from '../../model/production.js'
import { classifyEnvironmentName } from '../../production/evidence.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'
import { branchScenario, homeBranch, type PushedBranch } from '../ci/branches.js'
import { and, anyOf, type Gate, type Outcome, type RefScenario } from '../ci/reach.js'

/** a promotion target: one named for production, or any other one */
type Target = 'production' | 'other'

export interface DroneScenario extends RefScenario {
  event: string
  /** the build's branch; absent for a tag */
  branchName?: string
  /** the git ref: `refs/heads/…`, `refs/tags/…` (a name not known), `refs/pull/…` */
  gitRef: string
  target?: Target
}

export function droneScenarios(branches: PushedBranch[]): DroneScenario[] {
  const scenarios: DroneScenario[] = []
  const main = homeBranch(branches)
  for (const b of branches) {
    const branch = b.branch
    for (const event of ['push', 'cron', 'custom']) {
      scenarios.push({ ...branchScenario(b, event === 'push' ? `pushes to \`${branch}\`` : `\`${event}\` builds of \`${branch}\``), event, branchName: branch, gitRef: `refs/heads/${branch}` })
    }
  }
  scenarios.push({ production: true, describe: 'tags', ref: { tag: true }, event: 'tag', gitRef: 'refs/tags/\0' })
  // a promotion or rollback is a new build of an earlier one, of the default branch as a rule
  for (const event of ['promote', 'rollback']) {
    scenarios.push({ production: true, describe: `${event === 'promote' ? 'promotions' : 'rollbacks'} to a production target`, ref: { branch: main }, event, branchName: main, gitRef: `refs/heads/${main}`, target: 'production' })
  }
  scenarios.push({ production: false, describe: 'promotions to other targets', ref: { branch: main }, event: 'promote', branchName: main, gitRef: `refs/heads/${main}`, target: 'other' })
  scenarios.push({ production: false, describe: 'pull requests', ref: { mergeRequest: true }, event: 'pull_request', branchName: main, gitRef: 'refs/pull/\0/head' })
  scenarios.push({ production: false, describe: 'other branches', ref: { branch: '\0other' }, event: 'push', branchName: '\0other', gitRef: 'refs/heads/\0other' })
  return scenarios
}

interface Filter {
  key: string
  include: string[]
  exclude: string[]
}

/** the filters of a `trigger:` or `when:` map */
export function filtersOf(view: YamlView, node: YamlNode | undefined): Filter[] {
  return view.entries(node).map(({ key, value }) => {
    const include = view.get(value, 'include')
    const exclude = view.get(value, 'exclude')
    return include || exclude ? { key, include: view.strings(include), exclude: view.strings(exclude) } : { key, include: view.strings(value), exclude: [] }
  })
}

/** every filter must match; a key this reader does not know (`status`, `instance`, `paths`) is not a limit it can judge */
export function conditionGate(view: YamlView, node: YamlNode | undefined, config: SeedguardConfig, what: string): Gate<DroneScenario> {
  const filters = filtersOf(view, node)
  if (filters.length === 0) return { outcome: () => ({ outcome: 'yes' }) }
  const span = view.span(node)
  const shown = filters.map((f) => `${f.key}: ${[...f.include, ...f.exclude.map((e) => `!${e}`)].join(', ')}`).join('; ')
  return {
    outcome(scenario) {
      let outcome: Outcome = 'yes'
      for (const filter of filters) {
        const test = (pattern: string) => patternMatches(filter.key, pattern, scenario, config)
        const included = filter.include.length > 0 ? anyOf(filter.include.map(test)) : 'yes'
        const excluded = filter.exclude.length > 0 ? anyOf(filter.exclude.map(test)) : 'no'
        outcome = and(outcome, and(included, excluded === 'yes' ? 'no' : excluded === 'maybe' ? 'maybe' : 'yes'))
      }
      return { outcome, span, detail: `\`${what}: ${shown}\`` }
    },
  }
}

function patternMatches(key: string, pattern: string, scenario: DroneScenario, config: SeedguardConfig): Outcome {
  const glob = /[*?[{]/.test(pattern)
  if (key === 'event') return glob ? (picomatch.isMatch(scenario.event, pattern) ? 'yes' : 'no') : pattern === scenario.event ? 'yes' : 'no'
  if (key === 'cron') return scenario.event === 'cron' ? 'maybe' : 'no'
  if (key === 'target') {
    if (!scenario.target) return 'no'
    const verdict = classifyEnvironmentName(pattern, config)
    if (verdict === 'unknown' || glob) return 'maybe'
    return (verdict === 'production') === (scenario.target === 'production') ? 'yes' : 'no'
  }
  if (key === 'branch') {
    // a tag has no branch: a branch filter never matches it (docs above)
    if (scenario.branchName === undefined) return 'no'
    // another branch: a name no file spells, so only a pattern for every branch matches it
    if (scenario.branchName.startsWith('\0')) return /^\*\*?$/.test(pattern) ? 'yes' : 'no'
    return picomatch.isMatch(scenario.branchName, pattern, { dot: true }) ? 'yes' : 'no'
  }
  if (key === 'ref') {
    const unknownPart = scenario.gitRef.indexOf('\0')
    if (unknownPart < 0) return picomatch.isMatch(scenario.gitRef, pattern, { dot: true }) ? 'yes' : 'no'
    // another branch, a tag or a pull request: the prefix of the ref is known, the name is not
    const prefix = scenario.gitRef.slice(0, unknownPart)
    if (!pattern.startsWith(prefix)) return /^\*/.test(pattern) ? 'maybe' : 'no'
    const rest = pattern.slice(prefix.length)
    if (/^\*\*?$/.test(rest) || (prefix === 'refs/pull/' && rest === '*/head')) return 'yes'
    return prefix === 'refs/heads/' ? 'no' : 'maybe'
  }
  return 'yes'
}

/** what the promotion targets a pipeline or step is limited to say of production */
export function targetReasons(view: YamlView, node: YamlNode | undefined, config: SeedguardConfig): ProductionReason[] {
  const filter = filtersOf(view, node).find((f) => f.key === 'target')
  if (!filter || filter.include.length === 0) return []
  const span = view.span(view.get(node, 'target'))
  const verdicts = filter.include.map((t) => classifyEnvironmentName(t, config))
  if (verdicts.includes('production')) return [{ kind: 'environment', towards: true, detail: `promotion target \`${filter.include[verdicts.indexOf('production')]}\``, span }]
  if (verdicts.every((v) => v === 'not-production')) return [{ kind: 'environment', towards: false, detail: `promotion target ${filter.include.map((t) => `\`${t}\``).join(', ')} is not production`, span }]
  return []
}
