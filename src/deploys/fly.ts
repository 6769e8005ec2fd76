// https://fly.io/docs/flyctl/deploy/
import { actionName, flagValue, input, isCommand, matchNames, positionals, splitArgs } from './argv.js'
import type { DeployMatch, DeployTool } from './types.js'

const VALUED = ['--app', '-a', '--config', '-c', '--access-token', '-t', '--image', '-i', '--dockerfile', '--strategy', '--build-arg', '--env', '-e', '--region', '-r']

/**
 * Which app is production is the owner's choice, so the app name (`--app`, `FLY_APP`) and a
 * per-environment config (`-c fly.staging.toml`) are the only hints; without one it is the app in fly.toml.
 */
function matchArgs(args: readonly string[], env: Record<string, string>): DeployMatch | undefined {
  if (positionals(args, VALUED)[0] !== 'deploy') return undefined
  const names = [flagValue(args, ['--app', '-a']), flagValue(args, ['--config', '-c']), env['FLY_APP']]
  return matchNames('fly deploy', names, env, 'production')
}

const fly: DeployTool = {
  id: 'fly',
  title: 'Fly.io',
  docs: 'https://fly.io/docs/flyctl/deploy/',
  match: ({ argv, env }) => (isCommand(argv[0], ['fly', 'flyctl']) ? matchArgs(argv.slice(1), env) : undefined),
  matchAction(uses, inputs) {
    const name = actionName(uses)
    // setup-flyctl only installs flyctl; the `run: flyctl deploy` after it is matched as a command
    if (name === 'superfly/flyctl-actions') return matchArgs(splitArgs(input(inputs, 'args') ?? ''), {})
    // a throwaway app per pull request (https://github.com/superfly/fly-pr-review-apps)
    if (name === 'superfly/fly-pr-review-apps') return { target: 'not-production', detail: '`superfly/fly-pr-review-apps`' }
    return undefined
  },
}
export default fly
