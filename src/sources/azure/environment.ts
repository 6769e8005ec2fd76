// What a job deploys to and the environment its scripts see
import type { SeedguardConfig } from '../../config/types.js'
import type { ProductionReason } from '../../model/production.js'
import type { RuntimeEnvironment } from '../../model/runtime.js'
import { classifyEnvironmentName } from '../../production/evidence.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'
import { lookupOf, possibleTexts, substitute, type Scope } from './scope.js'

export interface JobEnvironment {
  reasons: ProductionReason[]
  label?: string
  /** the environment's name where it is known (Environment.Name in the job) */
  name?: string
}

/**
 * A deployment job's `environment:`: a name, `name.resource`, or `{ name, resourceName }`
 * (https://learn.microsoft.com/en-us/azure/devops/pipelines/yaml-schema/jobs-deployment-environment).
 * Its name is judged as every environment name is.
 */
export function environmentOf(view: YamlView, node: YamlNode | undefined, scope: Scope, config: SeedguardConfig): JobEnvironment {
  const raw = view.string(node) ?? view.string(view.get(node, 'name'))
  if (raw === undefined) return { reasons: [] }
  const span = view.span(node)
  const values = possibleTexts(raw, scope)
  if (!values) return { reasons: [], label: raw }
  // `name.resource`: the environment and one of its resources
  const names = [...new Set(values.map((value) => (view.string(node) !== undefined ? value.split('.')[0]! : value)))]
  const label = names.length === 1 && names[0] === raw ? raw : `${raw} → ${names.join(' | ')}`
  const name = names.length === 1 ? names[0] : undefined
  const verdicts = names.map((n) => classifyEnvironmentName(n, config))
  // one chosen when the run is queued: a production choice makes it a production deploy, as a
  // workflow_dispatch input that can name production does for GitHub
  const production = names.filter((_, i) => verdicts[i] === 'production')
  if (production.length > 0) return { reasons: [{ kind: 'environment', towards: true, detail: name !== undefined ? `environment \`${name}\`` : `environment \`${raw}\` can be ${production.join(', ')} (chosen when the run is queued)`, span }], label, ...(name !== undefined ? { name } : {}) }
  if (verdicts.every((v) => v === 'not-production')) return { reasons: [{ kind: 'environment', towards: false, detail: `environment \`${names.join(', ')}\` is not production`, span }], label, ...(name !== undefined ? { name } : {}) }
  return { reasons: [], label, ...(name !== undefined ? { name } : {}) }
}

/**
 * The job's YAML variables as the environment its scripts see: Azure upper-cases the name and
 * turns `.` into `_` (https://learn.microsoft.com/en-us/azure/devops/pipelines/process/variables#environment-variables).
 */
export function variablesAsEnv(scope: Scope): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, variable] of Object.entries(scope.variables)) {
    const value = lookupOf(variable.scope, undefined).property(['variables', name])
    env[name.toUpperCase().replace(/\./g, '_')] = typeof value === 'string' ? value : macroAsSecret(variable.text)
  }
  return env
}

/** a step's `env:`; a value from a variable no file defines (a secret, a variable group's) is named as such */
export function stepEnv(view: YamlView, node: YamlNode | undefined, scope: Scope): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, raw] of Object.entries(view.record(node))) {
    const value = substitute(raw, scope, undefined)
    if (typeof value !== 'string') {
      env[name] = raw
      continue
    }
    env[name] = value.replace(/\$\(([\w.]+)\)/g, (whole, variable: string) => {
      const v = lookupOf(scope, undefined).property(['variables', variable])
      return typeof v === 'string' ? v : macroAsSecret(whole)
    })
  }
  return env
}

/** `$(ProdDatabaseUrl)` of a variable only Azure DevOps holds: secret variables reach a script only this way */
function macroAsSecret(text: string): string {
  return text.replace(/\$\(([\w]+)\)/g, '<secret $1>')
}

/**
 * What a job's scripts see besides its YAML: Azure sets TF_BUILD=True and its AGENT_*, BUILD_*,
 * SYSTEM_* variables, ENVIRONMENT_NAME in a deployment job, and no NODE_ENV or RAILS_ENV
 * (https://learn.microsoft.com/en-us/azure/devops/pipelines/build/variables). But every variable
 * set in the pipeline's settings or a variable group reaches the scripts as well, and a
 * self-hosted agent's machine has its own: a variable no YAML sets is unknown, not unset.
 */
export function agentRuntime(environment: string | undefined): RuntimeEnvironment {
  return {
    unset: 'unknown',
    label: "the agent and the pipeline's variables set in Azure DevOps (outside the repository)",
    values: { TF_BUILD: 'True', ...(environment !== undefined ? { ENVIRONMENT_NAME: environment } : {}) },
    valuesBy: 'Azure Pipelines',
    provides: (variable) => /^(AGENT|BUILD|SYSTEM|PIPELINE|ENVIRONMENT|STRATEGY|RESOURCES|TF)_/.test(variable),
    // the sources directory, as scripts see Build.SourcesDirectory and its aliases: https://learn.microsoft.com/en-us/azure/devops/pipelines/build/variables#build-variables-devops-services
    checkout: ['BUILD_SOURCESDIRECTORY', 'BUILD_REPOSITORY_LOCALPATH', 'SYSTEM_DEFAULTWORKINGDIRECTORY'],
  }
}
