// https://docs.railway.com/cli/deploying
import { classifyName, flagValue, isCommand, positionals } from './argv.js'
import type { DeployTool } from './types.js'

const VALUED = ['--environment', '-e', '--service', '-s', '--project', '-p', '--message', '-m', '--name', '--workspace', '-w']

// `railway deploy` is not here: it provisions a template (a database, …), not this repository's code
// (https://docs.railway.com/cli/up: "To deploy pre-built templates … use railway deploy")
const DEPLOYS = new Set(['up', 'redeploy'])

const railway: DeployTool = {
  id: 'railway',
  title: 'Railway',
  docs: 'https://docs.railway.com/cli/deploying',
  match({ argv, env }) {
    if (!isCommand(argv[0], ['railway'])) return undefined
    const args = argv.slice(1)
    const sub = positionals(args, VALUED)[0]
    if (sub === undefined || !DEPLOYS.has(sub)) return undefined
    const environment = flagValue(args, ['--environment', '-e'])
    // without -e it is the linked environment, or the one a project token is scoped to; a new
    // project's only environment is `production`
    if (environment === undefined) return { target: 'production', detail: `\`railway ${sub}\` to the linked environment (production by default)` }
    return { target: classifyName(environment, env), detail: `\`railway ${sub}\` to \`${environment}\`` }
  },
}
export default railway
