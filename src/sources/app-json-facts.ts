// https://devcenter.heroku.com/articles/app-json-schema
// What a Heroku app.json says about the app it describes (buildpacks, config vars), apart from its scripts.
import type { Project } from '../project/project.js'
import { jsonAt, jsonEntries, jsonString, parseJsonOf } from '../util/json.js'
import { joinPath } from '../util/paths.js'

/** What app.json says about the Heroku app it sits in. */
export interface AppJsonFacts {
  /** it has keys only Heroku's (or Dokku's) app.json has, so it marks its directory as a Heroku app */
  heroku: boolean
  /** buildpack URLs or names (`heroku/nodejs`); undefined when app.json does not list them */
  buildpacks: string[] | undefined
  /**
   * `env`: the config vars an app created from app.json starts with (Heroku Button, review apps,
   * Heroku CI). `values`: those it gives a literal value (`"KEY": "v"` or `{ "value": "v" }`);
   * `generated`: those Heroku fills with a random secret (`"generator": "secret"`). A required var
   * without a value is asked of whoever creates the app, so it is in neither.
   */
  env: { values: Record<string, string>; generated: Set<string> }
}

// keys only Heroku's (or Dokku's) app.json has: an Expo or Tauri app.json has none of them
const HEROKU_KEYS = ['scripts', 'environments', 'buildpacks', 'addons', 'formation', 'stack', 'success_url', 'cron']

/** The app.json of a directory, or undefined when there is none (or it is not a JSON object). */
export function readAppJsonFacts(project: Project, dir: string): AppJsonFacts | undefined {
  const lines = project.cache.get(joinPath(dir, 'app.json') ?? 'app.json')
  if (!lines) return undefined
  const { root } = parseJsonOf(lines)
  if (root?.type !== 'object') return undefined
  const heroku = jsonEntries(root).some((e) => HEROKU_KEYS.includes(e.key))
  const list = jsonAt(root, ['buildpacks'])
  const buildpacks = list?.type === 'array' ? (list.children ?? []).map((b) => jsonString(jsonAt(b, ['url'])) ?? jsonString(b)).filter((u): u is string => u !== undefined) : undefined
  const env: AppJsonFacts['env'] = { values: {}, generated: new Set() }
  for (const { key, value } of jsonEntries(jsonAt(root, ['env']))) {
    const literal = jsonString(value) ?? jsonString(jsonAt(value, ['value']))
    if (literal !== undefined) env.values[key] = literal
    else if (jsonString(jsonAt(value, ['generator'])) === 'secret') env.generated.add(key)
  }
  return { heroku, buildpacks, env }
}
