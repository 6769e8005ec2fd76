// https://kamal-deploy.org/docs/commands/deploy/
import { flagValue, isCommand, matchNames, positionals } from './argv.js'
import type { DeployTool } from './types.js'

const VALUED = ['--destination', '-d', '--config-file', '-c', '--hosts', '-h', '--roles', '-r', '--version']

// setup = first deploy (boots accessories, then deploys); redeploy skips the bootstrap steps
const DEPLOYS = new Set(['deploy', 'setup', 'redeploy'])

const kamal: DeployTool = {
  id: 'kamal',
  title: 'Kamal',
  docs: 'https://kamal-deploy.org/docs/commands/deploy/',
  match({ argv, env }) {
    // Kamal is a gem, so Rails apps call it through Bundler as often as through `bin/kamal`
    const bundled = isCommand(argv[0], ['bundle']) && argv[1] === 'exec' && isCommand(argv[2], ['kamal'])
    const args = bundled ? argv.slice(3) : isCommand(argv[0], ['kamal']) ? argv.slice(1) : undefined
    const verb = args && positionals(args, VALUED)[0]
    if (args === undefined || verb === undefined || !DEPLOYS.has(verb)) return undefined
    // `-d staging` reads config/deploy.staging.yml; without it config/deploy.yml is the one
    return matchNames(`kamal ${verb}`, [flagValue(args, ['--destination', '-d'])], env, 'production')
  },
}
export default kamal
