// https://cloud.google.com/sdk/gcloud/reference/run/deploy
import { actionName, booleanInput, flagValue, hasFlag, input, isCommand, matchNames, positionals } from './argv.js'
import type { DeployMatch, DeployTool } from './types.js'

// gcloud options take a value unless they are one of these switches (or a `--no-…` form)
const SWITCHES = new Set([
  ...['--quiet', '-q', '--async', '--promote', '--stop-previous-version', '--allow-unauthenticated', '--trigger-http'],
  ...['--gen2', '--cpu-boost', '--use-http2', '--default-url', '--clear-env-vars', '--retry', '--log-http', '--help'],
])
const takesValue = (flag: string) => !flag.startsWith('--no-') && !SWITCHES.has(flag)

// `run` and `functions` name the service after `deploy`; `app deploy` takes app.yaml files there
const GROUPS = new Set(['run', 'app', 'functions'])

function matchArgs(args: readonly string[], env: Record<string, string>): DeployMatch | undefined {
  const words = positionals(args, takesValue).filter((w) => w !== 'alpha' && w !== 'beta')
  const [group, verb, ...rest] = words
  if (group === undefined || !GROUPS.has(group) || verb !== 'deploy') return undefined
  const command = `gcloud ${group} deploy`
  // the new revision or version is deployed but serves no traffic until someone moves it there
  if (hasFlag(args, ['--no-traffic', '--no-promote'])) return { target: 'not-production', detail: `\`${command}\` without traffic` }
  return matchNames(command, [...rest, flagValue(args, ['--version', '-v']), flagValue(args, ['--project'])], env, 'production')
}

const gcloud: DeployTool = {
  id: 'gcloud',
  title: 'Google Cloud',
  docs: 'https://cloud.google.com/sdk/gcloud/reference/run/deploy',
  match: ({ argv, env }) => (isCommand(argv[0], ['gcloud']) ? matchArgs(argv.slice(1), env) : undefined),
  matchAction(uses, inputs) {
    const name = actionName(uses)
    const project = input(inputs, 'project_id')
    if (name === 'google-github-actions/deploy-cloudrun') {
      if (booleanInput(input(inputs, 'no_traffic'), false) === true) return { target: 'not-production', detail: '`deploy-cloudrun` with no_traffic' }
      return matchNames('google-github-actions/deploy-cloudrun', [input(inputs, 'service') ?? input(inputs, 'job'), project], {}, 'production')
    }
    if (name === 'google-github-actions/deploy-appengine') {
      if (booleanInput(input(inputs, 'promote'), true) === false) return { target: 'not-production', detail: '`deploy-appengine` with promote: false' }
      return matchNames('google-github-actions/deploy-appengine', [input(inputs, 'version'), project], {}, 'production')
    }
    return undefined
  },
}
export default gcloud
