// The branches production is deployed from. Besides the default branch, a branch named for
// production (`production`, `prod`, `live`) is the common "deploy branch" of a git flow: merging
// into it is how a release ships, and CI jobs gated to it deploy (GitLab's `only: [production]`,
// Bitbucket's `branches: production:`, CircleCI's `filters: branches: only: production`); GitLab
// Flow's environment branches are the documented form: https://about.gitlab.com/topics/version-control/what-is-gitlab-flow/
import type { SeedguardConfig } from '../../config/types.js'
import { classifyEnvironmentName } from '../../production/evidence.js'
import type { RefScenario } from './reach.js'

/**
 * A branch a CI reader builds push scenarios for: a default branch, a branch named for production
 * (production only where a gate names it), or an unnamed branch, the probe that tells a gate naming
 * the production branch from one that takes any branch (`except: [main]`).
 */
export interface PushedBranch {
  branch: string
  kind: 'default' | 'named-for-production' | 'unnamed'
}

/** a name no config spells, unlike each reader's own "other branch" so no reader treats it as one */
const UNNAMED = '\x01unnamed'

/** the default branches, the production environment names that are not one of them, and the unnamed probe */
export function pushedBranches(config: SeedguardConfig): PushedBranch[] {
  const named = config.productionEnvironments.filter((name) => classifyEnvironmentName(name, config) === 'production' && !config.defaultBranches.includes(name))
  return [
    ...config.defaultBranches.map((branch) => ({ branch, kind: 'default' as const })),
    ...named.map((branch) => ({ branch, kind: 'named-for-production' as const })),
    { branch: UNNAMED, kind: 'unnamed' },
  ]
}

/** the branch a pipeline's "default branch" variable names: the first default branch */
export function homeBranch(branches: PushedBranch[]): string {
  return branches.find((b) => b.kind === 'default')?.branch ?? 'main'
}

/** the scenario of a run on one of these branches, described as the CI names such runs */
export function branchScenario(branch: PushedBranch, describe: string): RefScenario {
  return { production: branch.kind !== 'unnamed', describe, ref: { branch: branch.branch }, ...(branch.kind !== 'default' && { pushedBranch: branch.kind }) }
}
