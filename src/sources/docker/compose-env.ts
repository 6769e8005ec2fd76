// A compose service's environment: what its containers see, and whether it says the service runs as a developer's.
import { parse as parseDotenv } from 'dotenv'
import type { SeedguardConfig } from '../../config/types.js'
import type { Span } from '../../model/span.js'
import { classifyEnvironmentName, namesDatabase } from '../../production/evidence.js'
import type { Project } from '../../project/project.js'
import { joinPath } from '../../util/paths.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'

/** `env_file:` then `environment:` of a service, the later winning (https://docs.docker.com/compose/how-tos/environment-variables/envvars-precedence/) */
export function serviceEnvironment(project: Project, view: YamlView, dir: string, service: YamlNode | undefined): Record<string, string> {
  return { ...envFiles(project, view, dir, view.get(service, 'env_file')), ...environment(view, view.get(service, 'environment')) }
}

/** where serviceEnvironment's variables are set: the `environment:` entry, else the `env_file:` that gives it */
export function serviceEnvironmentAt(project: Project, view: YamlView, dir: string, service: YamlNode | undefined): Record<string, Span> {
  const files = view.get(service, 'env_file')
  const at: Record<string, Span> = Object.fromEntries(Object.keys(envFiles(project, view, dir, files)).map((name) => [name, view.span(files)]))
  const node = view.get(service, 'environment')
  for (const item of view.items(node)) {
    const text = view.string(item)
    if (text?.includes('=')) at[text.slice(0, text.indexOf('='))] = view.span(item)
  }
  for (const { key, keyNode, value } of view.entries(node)) at[key] = view.span(keyNode ?? value)
  return at
}

/** a variable that names the environment the service runs as (NODE_ENV=development, RAILS_ENV=test): a local run */
export function localEnvironment(env: Record<string, string>, config: SeedguardConfig): string | undefined {
  const name = Object.keys(env).find((k) => /_ENV$|^ENVIRONMENT$/.test(k) && classifyEnvironmentName(env[k]!, config) === 'not-production')
  return name === undefined ? undefined : `the service sets ${name}=${env[name]}`
}

/** `environment:` as a map or a `KEY=value` list, with `${VAR:-default}` taken at its default */
function environment(view: YamlView, node: YamlNode | undefined): Record<string, string> {
  const pairs: [string, string][] = view.items(node).length > 0
    ? view.strings(node).flatMap((item): [string, string][] => (item.includes('=') ? [[item.slice(0, item.indexOf('=')), item.slice(item.indexOf('=') + 1)]] : []))
    : Object.entries(view.record(node))
  const out: Record<string, string> = {}
  for (const [name, raw] of pairs) {
    // `DATABASE_URL: ${DATABASE_URL:-sqlite…}`: the deploy's own value wins, so the default says nothing
    if (namesDatabase(name) && /^\$\{?\w+(:?-[^}]*)?\}?$/.test(raw.trim())) continue
    const value = interpolate(raw)
    if (value !== undefined) out[name] = value
  }
  return out
}

function interpolate(raw: string): string | undefined {
  let unknown = false
  const value = raw.replace(/\$\$|\$\{(\w+)(?:(:?[-?+])([^}]*))?\}|\$(\w+)/g, (m, _name: string | undefined, op: string | undefined, word: string | undefined) => {
    if (m === '$$') return '$'
    if (op === '-' || op === ':-') return word ?? ''
    unknown = true
    return m
  })
  // a value that is only a reference to the deploy's environment is not known here
  return unknown && /^\$\{?\w+\}?$/.test(raw.trim()) ? undefined : value
}

function envFiles(project: Project, view: YamlView, dir: string, node: YamlNode | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  const paths = [...view.strings(node), ...view.items(node).map((i) => view.string(view.get(i, 'path'))).filter((p): p is string => p !== undefined)]
  for (const path of paths) {
    const text = project.cache.get(joinPath(dir, path) ?? '')?.text
    if (text !== undefined) Object.assign(out, parseDotenv(text))
  }
  return out
}
