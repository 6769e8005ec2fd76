// https://kamal-deploy.org/docs/configuration/environment-variables/
// https://kamal-deploy.org/docs/configuration/overview/#destinations
// What Kamal gives a role's containers: config/deploy.yml with config/deploy.<destination>.yml
// deep-merged over it, the root `env` with the role's own `env` over it, secrets from .kamal/secrets.
import { parse as parseDotenv } from 'dotenv'
import type { Project } from '../../project/project.js'
import { joinPath } from '../../util/paths.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'
import { yamlOf } from '../docker/files.js'

type Env = Record<string, string>
type Plain = string | Plain[] | Table
export interface Table {
  [key: string]: Plain
}

const isTable = (value: Plain | undefined): value is Table => typeof value === 'object' && !Array.isArray(value)
const tableOf = (value: Plain | undefined): Table => (isTable(value) ? value : {})
const listOf = (value: Plain | undefined): Plain[] => (Array.isArray(value) ? value : [])

/** The configuration `kamal deploy [-d destination]` reads: the destination's file merged over config/deploy.yml. */
export function deployConfig(project: Project, root: string, base: YamlView, destination: string): Table {
  const over = destination ? yamlOf(project, joinPath(root, `config/deploy.${destination}.yml`) ?? '') : undefined
  return deepMerge(tableOf(plain(base, base.root)), tableOf(over && plain(over, over.root)))
}

/** a setting of that configuration (`builder.dockerfile`), where it is a string */
export function settingOf(config: Table, section: string, key: string): string | undefined {
  const value = tableOf(config[section])[key]
  return typeof value === 'string' ? value : undefined
}

/** `servers` as a map names the roles; as a list of hosts it is the one role `web` */
export function roleNames(config: Table): string[] {
  const servers = config['servers']
  return isTable(servers) && Object.keys(servers).length > 0 ? Object.keys(servers) : ['web']
}

/**
 * The variables a role's containers start with: the root `env`, the role's `env` over it (clear
 * values merged, secret names added). A secret's value is the one .kamal/secrets writes literally,
 * else `<secret NAME>`. An env tag sets its variables on the hosts tagged with it only, so a value
 * a tag changes is not known for the role as a whole.
 */
export function roleEnv(project: Project, root: string, config: Table, role: string, destination: string): Env {
  const rootEnv = tableOf(config['env'])
  const servers = config['servers']
  // a role is a list of hosts, or a map with `hosts` and its own settings
  const value = isTable(servers) ? servers[role] : undefined
  const spec = tableOf(value)
  const secrets = secretValues(project, root, destination)
  const env = { ...envOf(rootEnv, secrets), ...envOf(tableOf(spec['env']), secrets) }
  const hosts = Array.isArray(servers) ? servers : Array.isArray(value) ? value : listOf(spec['hosts'])
  const tags = new Set(hosts.flatMap((h) => Object.values(tableOf(h)).flatMap((t) => (typeof t === 'string' ? [t] : listOf(t).filter((s): s is string => typeof s === 'string')))))
  for (const tag of tags) {
    for (const [name, value] of Object.entries(envOf(tableOf(tableOf(rootEnv['tags'])[tag]), secrets))) {
      if (env[name] !== value) env[name] = `<secret ${name}: set per host by env tag \`${tag}\`>`
    }
  }
  return env
}

/** One `env` block: the simple form is all clear; `clear`, `secret` (`NAME` or `NAME:SOURCE`), `tags` otherwise. */
function envOf(block: Table, secrets: Record<string, string | undefined>): Env {
  const structured = 'clear' in block || 'secret' in block || 'tags' in block
  const env: Env = {}
  for (const [name, value] of Object.entries(structured ? tableOf(block['clear']) : block)) if (typeof value === 'string') env[name] = value
  for (const key of listOf(block['secret'])) {
    if (typeof key !== 'string') continue
    const [name, source] = key.split(':') as [string, string | undefined]
    env[name] = secrets[source ?? name] ?? `<secret ${name}>`
  }
  return env
}

/**
 * .kamal/secrets-common, then .kamal/secrets (`.kamal/secrets.<destination>` with `-d`), later
 * files winning. Values are dotenv with command and variable substitution (`$(kamal secrets fetch …)`,
 * `$DB_PASSWORD`): those come from the deploying machine and stay unknown.
 */
function secretValues(project: Project, root: string, destination: string): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {}
  for (const name of ['.kamal/secrets-common', destination ? `.kamal/secrets.${destination}` : '.kamal/secrets']) {
    const text = project.cache.get(joinPath(root, name) ?? name)?.text
    if (text === undefined) continue
    for (const [key, value] of Object.entries(parseDotenv(text))) values[key] = value.includes('$') ? undefined : value
  }
  return values
}

/** a YAML node as plain data (merge keys and aliases resolved), scalars as their text */
function plain(view: YamlView, node: YamlNode | undefined): Plain | undefined {
  const text = view.string(node)
  if (text !== undefined) return text
  const entries = view.entries(node)
  if (entries.length > 0) return Object.fromEntries(entries.flatMap((e) => { const v = plain(view, e.value); return v === undefined ? [] : [[e.key, v]] }))
  const items = view.items(node)
  return items.length > 0 ? items.flatMap((i) => plain(view, i) ?? []) : undefined
}

/** Kamal merges a destination's file with ActiveSupport's deep_merge: maps key by key, anything else replaced */
function deepMerge(base: Table, over: Table): Table {
  const merged: Table = { ...base }
  for (const [key, value] of Object.entries(over)) {
    const before = merged[key]
    merged[key] = isTable(before) && isTable(value) ? deepMerge(before, value) : value
  }
  return merged
}
