// Which runs start each pipeline of bitbucket-pipelines.yml:
// https://support.atlassian.com/bitbucket-cloud/docs/pipeline-start-conditions/ and
// https://confluence.atlassian.com/bitbucket/branch-workflows-in-bitbucket-pipelines-856697482.html
import picomatch from 'picomatch'
import type { Span } from '../../model/span.js'
import { branchScenario, type PushedBranch } from '../ci/branches.js'
import type { Gate, GateResult, Outcome, RefScenario } from '../ci/reach.js'

/** a run of the repository's pipelines: a push, a pull request, or a custom pipeline started by hand or a schedule */
export interface BitbucketScenario extends RefScenario {
  run: 'push' | 'pull-request' | 'custom'
}

/** one pipeline under `pipelines:`: `default`, a `branches:`/`tags:`/`pull-requests:` pattern, a `custom:` name */
export interface PipelineStart {
  kind: 'default' | 'branches' | 'tags' | 'pull-requests' | 'custom'
  /** the pattern or custom pipeline name; absent for `default` */
  name?: string
  span: Span
}

export function startLabel(start: PipelineStart): string {
  return start.name === undefined ? start.kind : `${start.kind}: ${start.name}`
}

/** the runs that can start a pipeline; production is a production branch (pushed, or run by hand) and tags */
export function scenariosOf(branches: PushedBranch[]): BitbucketScenario[] {
  const scenarios: BitbucketScenario[] = []
  for (const b of branches) {
    scenarios.push({ ...branchScenario(b, `pushes to \`${b.branch}\``), run: 'push' })
    scenarios.push({ ...branchScenario(b, `manual and scheduled runs on \`${b.branch}\``), run: 'custom' })
  }
  scenarios.push({ production: true, describe: 'tags', ref: { tag: true }, run: 'push' })
  scenarios.push({ production: false, describe: 'pull requests', ref: { mergeRequest: true }, run: 'pull-request' })
  // a branch no pattern names: `\0` keeps an exact pattern from matching it
  scenarios.push({ production: false, describe: 'other branches', ref: { branch: '\0other' }, run: 'push' })
  return scenarios
}

const GLOB = /[*?[\]{}]/

/**
 * How specific a pattern is for a branch it matches: an exact name overrides every pattern, and of
 * two patterns a longer literal start (`feature/bb-123-*` over `feature/bb-*`) wins.
 * https://support.atlassian.com/bitbucket-cloud/docs/use-glob-patterns-on-the-pipelines-yaml-file/
 */
function specificity(pattern: string): number {
  const glob = pattern.search(GLOB)
  return glob < 0 ? Number.POSITIVE_INFINITY : glob
}

/** `*` stops at `/`, `**` does not, as picomatch reads them */
function matches(pattern: string, name: string): boolean {
  return picomatch.isMatch(name, pattern, { dot: true })
}

/** whether a `branches:` pattern's pipeline is the one a push to `branch` runs */
function branchPipeline(pattern: string, patterns: string[], branch: string): Outcome {
  if (branch.startsWith('\0')) return GLOB.test(pattern) ? 'maybe' : 'yes'
  if (!matches(pattern, branch)) return 'no'
  const rivals = patterns.filter((p) => p !== pattern && matches(p, branch))
  const own = specificity(pattern)
  if (rivals.some((p) => specificity(p) > own)) return 'no'
  return rivals.some((p) => specificity(p) === own) ? 'maybe' : 'yes'
}

/** whether a run starts this pipeline; `branchPatterns`: every `branches:` pattern of the file */
export function startGate(start: PipelineStart, branchPatterns: string[]): Gate<BitbucketScenario> {
  const detail = `\`pipelines: ${startLabel(start)}\``
  const result = (outcome: Outcome): GateResult => ({ outcome, span: start.span, detail })
  return {
    outcome(scenario) {
      const { branch, tag, mergeRequest } = scenario.ref
      switch (start.kind) {
        case 'custom':
          return result(scenario.run === 'custom' ? 'yes' : 'no')
        case 'pull-requests':
          return result(mergeRequest ? 'yes' : 'no')
        case 'tags':
          return result(tag && scenario.run === 'push' ? (/^\*\*?$/.test(start.name!) ? 'yes' : 'maybe') : 'no')
        case 'branches':
          return result(branch !== undefined && scenario.run === 'push' ? branchPipeline(start.name!, branchPatterns, branch) : 'no')
        case 'default': {
          // every branch push no `branches:` pipeline takes; not tags, pull requests or custom runs
          if (branch === undefined || scenario.run !== 'push') return result('no')
          if (branch.startsWith('\0')) return result(branchPatterns.some((p) => /^\*\*$/.test(p)) ? 'no' : 'maybe')
          return result(branchPatterns.some((p) => matches(p, branch)) ? 'no' : 'yes')
        }
      }
    },
  }
}
