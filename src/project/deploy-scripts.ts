// Which shell scripts are named for deploying the app or starting it in production: entry points
// of their own (sources/deploy-script.ts), and what brings a compose stack up on a server (docker/scripts.ts).
import { basenameOf } from '../util/paths.js'

// words of a script's name that say it ships the app (`deploy.sh`, `scripts/release-api.sh`, `bin/ship`)
const DEPLOY_WORDS = new Set(['deploy', 'release', 'ship', 'rollout', 'promote'])
const PRODUCTION_WORDS = new Set(['prod', 'production', 'live'])
const START_WORDS = new Set(['start', 'run', 'up', 'boot', 'serve', 'server', 'app', 'docker', 'compose'])
// Render's Rails guide has the dashboard's build command run bin/render-build.sh on every deploy
const PLATFORM_BUILD_SCRIPTS = new Set(['render-build.sh'])

// a developer's first run after cloning: Rails generates bin/setup "to set up or update your development
// environment" (https://guides.rubyonrails.org/4_2_release_notes.html#railties-notable-changes), as
// script/setup and script/bootstrap are in https://github.com/github/scripts-to-rule-them-all
const SETUP_WORDS = new Set(['setup', 'bootstrap'])

export interface DeployScriptName {
  /** the words of the name, lower case: `deploy-prod.sh` → deploy, prod */
  words: string[]
  /** a platform's own build-script convention (Render's bin/render-build.sh) */
  platform: boolean
  /** named for deploying (deploy, release, ship …), whatever the environment */
  deploys: boolean
}

/** The name of a script named for deploying or for starting production, or undefined for any other file. */
export function deployScriptName(file: string): DeployScriptName | undefined {
  const base = basenameOf(file)
  const platform = PLATFORM_BUILD_SCRIPTS.has(base)
  const words = nameWords(base)
  // `bin/deploy` and `scripts/deploy` have no extension; other extension-less files there are programs
  if (!/\.(sh|bash)$/.test(base) && !words.every((w) => DEPLOY_WORDS.has(w))) return undefined
  // `prod.sh`, `start-prod.sh`, `up-production.sh`: starting the production app; `seed-prod.sh` is a
  // one-off someone runs on purpose, not a deploy
  const production = words.some((w) => PRODUCTION_WORDS.has(w)) && words.every((w) => PRODUCTION_WORDS.has(w) || START_WORDS.has(w))
  const deploys = words.some((w) => DEPLOY_WORDS.has(w))
  return platform || production || deploys ? { words, platform, deploys } : undefined
}

/**
 * a script named only for building (`build.sh`, `bin/build`): Render's Django guide has the dashboard's
 * Build Command run `./build.sh`, which installs, collects static files and migrates on every deploy
 * (https://render.com/docs/deploy-django#create-a-build-script); most `build.sh` only compile
 */
export function namedForBuilding(file: string): boolean {
  const words = nameWords(basenameOf(file))
  return words.length > 0 && words.every((w) => w === 'build')
}

/** a script named for setting up a developer's checkout (`bin/setup`, `script/bootstrap`), whatever it runs */
export function namedForSetup(file: string): boolean {
  return nameWords(basenameOf(file)).some((w) => SETUP_WORDS.has(w))
}

function nameWords(base: string): string[] {
  return base.replace(/\.(sh|bash)$/, '').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean)
}
