// When an Azure pipeline runs, and for which ref: CI triggers
// https://learn.microsoft.com/en-us/azure/devops/pipelines/yaml-schema/trigger , PR triggers
// https://learn.microsoft.com/en-us/azure/devops/pipelines/yaml-schema/pr , schedules
// https://learn.microsoft.com/en-us/azure/devops/pipelines/yaml-schema/schedules-cron , and the
// predefined variables each run has https://learn.microsoft.com/en-us/azure/devops/pipelines/build/variables
import { branchScenario, type PushedBranch } from '../ci/branches.js'
import type { Gate, RefScenario } from '../ci/reach.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'
import { SET, UNKNOWN, type Scalar } from './expressions.js'

/** one kind of run, with the predefined variables it has (names in lower case: Azure ignores case) */
export interface Scenario extends RefScenario {
  reason: 'IndividualCI' | 'Manual' | 'Schedule' | 'PullRequest' | 'ResourceTrigger'
  vars: Record<string, Scalar>
}

export type AzureGate = Gate<Scenario>

/**
 * The runs that can reach a job. Besides its triggers, anyone allowed to can queue any pipeline by
 * hand for any branch or tag ("Run pipeline"), whatever `trigger:` says: a pipeline with
 * `trigger: none` is typically a release run by hand from the default branch.
 */
export function scenariosOf(branches: PushedBranch[]): Scenario[] {
  const scenarios: Scenario[] = []
  const add = (base: RefScenario, reason: Scenario['reason'], sourceBranch: Scalar, sourceBranchName: Scalar) => {
    const pr = reason === 'PullRequest'
    scenarios.push({
      ...base,
      reason,
      vars: {
        'build.reason': reason,
        'build.sourcebranch': sourceBranch,
        'build.sourcebranchname': sourceBranchName,
        'system.pullrequest.pullrequestid': pr ? SET : '',
        'system.pullrequest.pullrequestnumber': pr ? SET : '',
        'system.pullrequest.targetbranch': pr ? UNKNOWN : '',
        'system.pullrequest.sourcebranch': pr ? UNKNOWN : '',
        'system.pullrequest.targetbranchname': pr ? UNKNOWN : '',
        'system.pullrequest.isfork': pr ? UNKNOWN : 'False',
      },
    })
  }
  for (const b of branches) {
    const branch = b.branch
    const name = branch.split('/').at(-1)!
    add(branchScenario(b, `pushes to \`${branch}\``), 'IndividualCI', `refs/heads/${branch}`, name)
    add(branchScenario(b, `manual runs on \`${branch}\``), 'Manual', `refs/heads/${branch}`, name)
    add(branchScenario(b, `scheduled runs on \`${branch}\``), 'Schedule', `refs/heads/${branch}`, name)
    add(branchScenario(b, `runs after another pipeline on \`${branch}\``), 'ResourceTrigger', `refs/heads/${branch}`, name)
  }
  const tags = { production: true, describe: 'tags', ref: { tag: true as const } }
  add(tags, 'IndividualCI', { prefix: 'refs/tags/' }, { prefix: '', unlike: true })
  add(tags, 'Manual', { prefix: 'refs/tags/' }, { prefix: '', unlike: true })
  add({ production: false, describe: 'pull requests', ref: { mergeRequest: true } }, 'PullRequest', { prefix: 'refs/pull/' }, 'merge')
  // another branch: a name no filter names
  const other = { production: false, describe: 'other branches', ref: { branch: '\0other' } }
  add(other, 'IndividualCI', 'refs/heads/\0other', '\0other')
  add(other, 'Manual', 'refs/heads/\0other', '\0other')
  return scenarios
}

/** a branch or tag filter list: names, `refs/heads/…`, `refs/tags/…`, `*` wildcards */
interface Filter {
  include: string[]
  exclude: string[]
}

/** whether the pipeline's own triggers start a run of a scenario; a manual run needs none */
export function triggerGate(view: YamlView, root: YamlNode | undefined): AzureGate {
  const trigger = view.get(root, 'trigger')
  const pr = view.get(root, 'pr')
  const schedules = view.items(view.get(root, 'schedules'))
  const pipelines = view.items(view.get(view.get(root, 'resources'), 'pipelines')).filter((p) => view.get(p, 'trigger') !== undefined && view.string(view.get(p, 'trigger')) !== 'none')
  const triggerSpan = trigger ? view.span(trigger) : undefined
  const ci = ciFilter(view, trigger)
  return {
    outcome(scenario) {
      switch (scenario.reason) {
        case 'Manual':
          return { outcome: 'yes' }
        case 'PullRequest':
          // Azure Repos builds pull requests from branch policies, whatever `pr:` says
          return { outcome: view.string(pr) === 'none' ? 'maybe' : 'yes' }
        case 'Schedule': {
          const runs = schedules.some((s) => refMatches(filterOf(view, view.get(s, 'branches')) ?? { include: [], exclude: [] }, scenario, false) !== 'no')
          return runs ? { outcome: 'yes', span: view.span(view.get(root, 'schedules')), detail: '`schedules:`' } : { outcome: 'no' }
        }
        case 'ResourceTrigger':
          return pipelines.length > 0 ? { outcome: 'maybe', span: view.span(pipelines[0]), detail: '`resources: pipelines:` trigger' } : { outcome: 'no' }
        case 'IndividualCI': {
          const outcome = ci ? anyRef(ci, scenario) : 'no'
          return { outcome, ...(triggerSpan ? { span: triggerSpan, detail: `\`trigger:\`${view.string(trigger) === 'none' ? ' none' : ''}` } : {}) }
        }
      }
    },
  }
}

/**
 * The CI trigger's branch and tag filters. Without `trigger:` every branch triggers (unless the
 * organisation disabled the implied trigger) and no tag does: "If you don't specify any tag
 * triggers, then by default, tags will not trigger pipelines."
 */
function ciFilter(view: YamlView, trigger: YamlNode | undefined): { branches: Filter; tags?: Filter } | undefined {
  if (!trigger) return { branches: { include: ['*'], exclude: [] } }
  const single = view.string(trigger)
  if (single === 'none') return undefined
  if (single !== undefined || view.items(trigger).length > 0) return { branches: { include: view.strings(trigger), exclude: [] } }
  const branches = filterOf(view, view.get(trigger, 'branches'))
  const tags = filterOf(view, view.get(trigger, 'tags'))
  return { branches: branches ?? { include: tags ? [] : ['*'], exclude: [] }, ...(tags ? { tags } : {}) }
}

/** `include:`/`exclude:` lists; an exclude without include excludes from every name */
function filterOf(view: YamlView, node: YamlNode | undefined): Filter | undefined {
  if (!node) return undefined
  const listed = view.strings(node)
  if (listed.length > 0) return { include: listed, exclude: [] }
  const include = view.strings(view.get(node, 'include'))
  const exclude = view.strings(view.get(node, 'exclude'))
  return { include: include.length > 0 || exclude.length === 0 ? include : ['*'], exclude }
}

function anyRef(ci: { branches: Filter; tags?: Filter }, scenario: Scenario): 'yes' | 'no' | 'maybe' {
  if (scenario.ref.tag) {
    // tags are named under `tags:`, or as `refs/tags/…` among the branches
    const viaTags = ci.tags ? refMatches(ci.tags, scenario, true) : 'no'
    const viaBranches = refMatches(ci.branches, scenario, false)
    return viaTags === 'yes' || viaBranches === 'yes' ? 'yes' : viaTags === 'maybe' || viaBranches === 'maybe' ? 'maybe' : 'no'
  }
  return refMatches(ci.branches, scenario, false)
}

/** whether a filter lets the scenario's ref through: a tag's name is unknown, so a pattern other than `*` may match */
function refMatches(filter: Filter, scenario: Scenario, tags: boolean): 'yes' | 'no' | 'maybe' {
  const test = (pattern: string): 'yes' | 'no' | 'maybe' => {
    if (scenario.ref.tag) {
      const name = tags ? pattern.replace(/^refs\/tags\//, '') : /^refs\/tags\//.test(pattern) ? pattern.slice('refs/tags/'.length) : undefined
      if (name === undefined) return 'no'
      return name === '*' ? 'yes' : 'maybe'
    }
    if (tags || scenario.ref.branch === undefined || /^refs\/tags\//.test(pattern)) return 'no'
    const branch = scenario.ref.branch
    const name = pattern.replace(/^refs\/heads\//, '')
    if (name === '*') return 'yes'
    if (branch.startsWith('\0')) return 'no'
    return wildcard(name).test(branch) ? 'yes' : 'no'
  }
  const included = filter.include.map(test)
  const excluded = filter.exclude.map(test)
  if (excluded.includes('yes')) return 'no'
  const inc = included.includes('yes') ? 'yes' : included.includes('maybe') ? 'maybe' : 'no'
  return inc === 'yes' && excluded.includes('maybe') ? 'maybe' : inc
}

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`)
}
