// The environment a platform gives what it runs, read from its config: shared by the platform's own
// reader (src/sources) and the image consumers that start a Dockerfile's image (project/docker).
import type { TomlView } from '../../util/toml.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'

export type Env = Record<string, string>

/** Render `envVars`: a value as written; generated, dashboard-set and linked values kept recognisable as `<secret …>` */
export function renderEnvVars(view: YamlView, list: YamlNode | undefined, groups: Map<string, Env>): Env {
  const env: Env = {}
  for (const item of view.items(list)) {
    const group = view.string(view.get(item, 'fromGroup'))
    if (group !== undefined) {
      Object.assign(env, groups.get(group) ?? {})
      continue
    }
    const key = view.string(view.get(item, 'key'))
    if (key === undefined) continue
    const value = view.string(view.get(item, 'value'))
    const database = view.string(view.get(view.get(item, 'fromDatabase'), 'name'))
    const service = view.string(view.get(view.get(item, 'fromService'), 'name'))
    // generated, dashboard-set (`sync: false`) and linked values are not in the file
    env[key] = value ?? (database !== undefined ? `<secret Render database ${database}>` : service !== undefined ? `<secret Render service ${service}>` : `<secret ${key}>`)
  }
  return env
}

/** Render `envVarGroups`, by name */
export function renderEnvVarGroups(view: YamlView, list: YamlNode | undefined, groups: Map<string, Env>): void {
  for (const group of view.items(list)) {
    const name = view.string(view.get(group, 'name'))
    if (name !== undefined) groups.set(name, renderEnvVars(view, view.get(group, 'envVars'), groups))
  }
}

/** fly.toml `[env]` */
export function flyEnv(view: TomlView): Env {
  const env: Env = {}
  for (const name of view.childrenOf('env')) {
    const value = view.string(`env.${name}`)?.value
    if (value !== undefined) env[name] = value
  }
  return env
}

/** App Platform `envs` entries for one phase: scope defaults to RUN_AND_BUILD_TIME; SECRET values are not in the file. */
export function appPlatformEnvs(view: YamlView, list: YamlNode | undefined, phase: 'BUILD' | 'RUN'): Env {
  const env: Env = {}
  for (const item of view.items(list)) {
    const key = view.string(view.get(item, 'key'))
    const scope = view.string(view.get(item, 'scope')) ?? 'RUN_AND_BUILD_TIME'
    if (key === undefined || !scope.includes(phase === 'BUILD' ? 'BUILD_TIME' : 'RUN_')) continue
    const value = view.string(view.get(item, 'value'))
    env[key] = value === undefined || view.string(view.get(item, 'type')) === 'SECRET' ? `<secret ${key}>` : value
  }
  return env
}
