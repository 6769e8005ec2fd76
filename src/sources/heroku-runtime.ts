// The environment a Heroku app's commands run with: what the repository can and cannot tell of its config vars.
import type { RuntimeEnvironment } from '../model/runtime.js'
import type { Project } from '../project/project.js'
import { joinPath } from '../util/paths.js'
import { readAppJsonFacts } from './app-json-facts.js'

// Heroku sets HEROKU_PR_NUMBER only in review apps, so a production process sees it empty and a
// `[ -n "$HEROKU_PR_NUMBER" ]` branch never runs there (github-integration-review-apps docs)
export const HEROKU_PRODUCTION_ENV: Record<string, string> = { HEROKU_PR_NUMBER: '' }

const CONFIG_VARS = "the app's config vars (set in the platform, not in the repository)"
const BUILDPACK = "the buildpack's defaults"
const APP_JSON = 'app.json `env`'

/**
 * The defaults of the buildpack that built the app (Dokku and Scalingo run the same buildpacks),
 * which a config var of the same name overrides. The Node.js buildpack exports
 * NODE_ENV=${NODE_ENV:-production} at build and at run time (heroku-buildpack-nodejs
 * lib/environment.sh `create_default_env`, `write_profile`); the Ruby buildpack sets RAILS_ENV and
 * RACK_ENV to production (`default_config_vars`).
 */
function buildpackDefaults(project: Project, dir: string): Record<string, string> {
  const values: Record<string, string> = {}
  if (project.cache.exists(joinPath(dir, 'package.json') ?? 'package.json')) values.NODE_ENV = 'production'
  if (project.cache.exists(joinPath(dir, 'Gemfile') ?? 'Gemfile')) Object.assign(values, { RAILS_ENV: 'production', RACK_ENV: 'production' })
  return values
}

/**
 * What the processes of any app built from the directory see besides their command line (a
 * Procfile's, the buildpack's build): its config vars, set outside the repository, over the
 * buildpack's defaults. app.json's `env` is only what an app *created from* app.json starts with
 * (a Heroku Button deploy, a review app, Heroku CI; https://devcenter.heroku.com/articles/app-json-schema#env):
 * an app created otherwise never reads it, so a value it gives is named in messages but never
 * taken as the value, and a buildpack default it contradicts is no longer known either.
 */
export function herokuRuntime(project: Project, dir: string): RuntimeEnvironment {
  const defaults = buildpackDefaults(project, dir)
  const declared = readAppJsonFacts(project, dir)?.env.values ?? {}
  const values = Object.fromEntries(Object.entries(defaults).filter(([name, value]) => declared[name] === undefined || declared[name] === value))
  const elsewhere = Object.fromEntries(Object.entries(declared).filter(([name, value]) => values[name] !== value))
  return {
    unset: 'unknown',
    label: CONFIG_VARS,
    values,
    valuesBy: BUILDPACK,
    ...(Object.keys(elsewhere).length > 0 && { declared: elsewhere, declaredBy: `apps created from app.json (${APP_JSON}: a Heroku Button deploy, review apps)` }),
  }
}

/**
 * What a command sees in an app just created from app.json (`scripts.postdeploy`): app.json's `env`
 * as its config vars, over the buildpack's defaults; a `generator: secret` one holds a random
 * value. Whoever creates the app may still set others (the Button's form, a pipeline's review-app
 * config vars), so any other variable stays unknown.
 */
export function createdAppRuntime(project: Project, dir: string): RuntimeEnvironment {
  const defaults = buildpackDefaults(project, dir)
  const env = readAppJsonFacts(project, dir)?.env
  const values = { ...defaults, ...env?.values }
  return {
    unset: 'unknown',
    label: CONFIG_VARS,
    values,
    valuesBy: Object.fromEntries(Object.keys(values).map((name) => [name, env?.values[name] !== undefined ? APP_JSON : BUILDPACK])),
    ...(env && env.generated.size > 0 && { provides: (variable: string) => env.generated.has(variable) }),
  }
}
