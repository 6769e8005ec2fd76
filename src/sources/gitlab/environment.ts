// `environment:` https://docs.gitlab.com/ci/yaml/#environment and deployment tiers
// https://docs.gitlab.com/ci/environments/#deployment-tier-of-environments
import { classifyEnvironmentName } from '../../production/evidence.js'
import type { SeedguardConfig } from '../../config/types.js'
import type { ProductionReason } from '../../model/production.js'
import { get, spanOf, stringOf, type Value } from './merge.js'

type Tier = 'production' | 'staging' | 'testing' | 'development' | 'other'
const TIERS = new Set<string>(['production', 'staging', 'testing', 'development', 'other'])

/**
 * The tier GitLab gives an environment without `deployment_tier:`, from its name: the first of
 * these patterns that matches anywhere in it (Environment#guess_tier in gitlab-org/gitlab
 * app/models/environment.rb), so `preprod` is staging and `production-review` development.
 */
const GUESSED: [RegExp, Tier][] = [
  [/dev|review|trunk/i, 'development'],
  [/test|tst|int|ac(ce|)pt|qa|qc|control|quality/i, 'testing'],
  [/st(a|)g|mod(e|)l|pre|demo|non/i, 'staging'],
  [/pr(o|)d|live/i, 'production'],
]

// `action:` other than `start` does not deploy: prepare, verify and access jobs run around a
// deploy, stop tears the environment down (https://docs.gitlab.com/ci/yaml/#environmentaction)
const NOT_A_DEPLOY = new Set(['prepare', 'verify', 'access', 'stop'])

export interface JobEnvironment {
  reasons: ProductionReason[]
  /** for the job's label: the name as written, with its expansion */
  label?: string
  /** CI_ENVIRONMENT_NAME in the job, when the name is known */
  name?: string
}

/** What a job's `environment:` says of production: its tier, given or guessed from the name. */
export function environmentOf(environment: Value | undefined, variables: Record<string, string>, config: SeedguardConfig): JobEnvironment {
  const raw = stringOf(environment) ?? stringOf(get(environment, 'name'))
  if (raw === undefined) return { reasons: [] }
  const span = spanOf(environment)
  const expanded = expand(raw, variables)
  const known = /\$/.test(expanded) ? undefined : expanded
  const label = expanded === raw ? raw : `${raw} → ${expanded}`
  const action = stringOf(get(environment, 'action')) ?? 'start'
  if (NOT_A_DEPLOY.has(action)) return { reasons: [], label: `${label}, action: ${action}`, ...(known ? { name: known } : {}) }
  const given = stringOf(get(environment, 'deployment_tier'))
  // a tier from a variable is not known to be expanded (gitlab-org/gitlab#365402): unknown
  const tier: Tier | undefined = given !== undefined ? (TIERS.has(given) ? (given as Tier) : undefined) : guessTier(expanded.replace(/\$\{?\w+\}?/g, ''), config)
  const reasons: ProductionReason[] = []
  const shown = given !== undefined ? `environment \`${label}\` (deployment_tier: ${given})` : `environment \`${label}\``
  if (tier === 'production') reasons.push({ kind: 'environment', towards: true, detail: shown, ...(span ? { span } : {}) })
  else if (tier !== undefined && tier !== 'other') reasons.push({ kind: 'environment', towards: false, detail: `${shown} is ${tier}, not production`, ...(span ? { span } : {}) })
  else if (tier === undefined && known === undefined) reasons.push({ kind: 'environment', towards: true, weak: true, detail: `${shown}: its name comes from a variable no file of the pipeline sets, so it may be production`, ...(span ? { span } : {}) })
  return { reasons, label, ...(known ? { name: known } : {}) }
}

/** GitLab's guess; a name it calls `other` (`customer-portal`) is judged by the configured names */
function guessTier(name: string, config: SeedguardConfig): Tier | undefined {
  if (name.replace(/[^A-Za-z0-9]/g, '') === '') return undefined
  const guessed = GUESSED.find(([pattern]) => pattern.test(name))?.[1]
  if (guessed) return guessed
  const verdict = classifyEnvironmentName(name, config)
  return verdict === 'production' ? 'production' : verdict === 'not-production' ? 'staging' : 'other'
}

/** `$VAR` / `${VAR}` replaced by the values the YAML gives; others are left as written */
export function expand(text: string, variables: Record<string, string>): string {
  return text.replace(/\$\{?([A-Za-z_]\w*)\}?/g, (whole, name: string) => variables[name] ?? whole)
}
