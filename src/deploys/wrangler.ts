// https://developers.cloudflare.com/workers/wrangler/commands/
import { actionName, classifyName, flagValue, input, isCommand, isDynamic, positionals, splitArgs } from './argv.js'
import type { DeployMatch, DeployTool } from './types.js'

type Env = Record<string, string>

const VALUED = [
  ...['--env', '-e', '--config', '-c', '--branch', '--project-name', '--commit-hash', '--commit-message', '--name'],
  ...['--compatibility-date', '--var', '--define', '--route', '--triggers', '--outdir', '--tag', '--message', '--assets', '--site'],
]

/** Pages: the production branch (usually main) goes live, any other branch gets a preview URL. */
function matchPages(branch: string | undefined, env: Env, command: string): DeployMatch {
  if (branch === undefined) {
    return { target: 'production', detail: `\`${command}\` without --branch: the checked-out branch, production on the default branch` }
  }
  const detail = `\`${command} --branch ${branch}\``
  // `--branch ${{ github.ref_name }}` is main on a push to main and a preview on a pull request
  if (isDynamic(branch, env)) return { target: 'unknown', detail }
  const live = ['main', 'master', 'production'].includes(branch) || classifyName(branch, env) === 'production'
  return { target: live ? 'production' : 'not-production', detail }
}

function matchArgs(args: readonly string[], env: Env): DeployMatch | undefined {
  const [first, second] = positionals(args, VALUED)
  if (first === 'pages' && (second === 'deploy' || second === 'publish')) {
    return matchPages(flagValue(args, ['--branch']), env, `wrangler pages ${second}`)
  }
  // `versions upload` stores a version that takes no traffic until `versions deploy`
  if (first === 'versions' && second === 'upload') return { target: 'not-production', detail: '`wrangler versions upload` (no traffic)' }
  const command =
    first === 'deploy' || first === 'publish' ? `wrangler ${first}` : first === 'versions' && second === 'deploy' ? 'wrangler versions deploy' : undefined
  if (command === undefined) return undefined
  // without --env the top-level Worker is deployed; an environment is a separately named Worker
  const environment = flagValue(args, ['--env', '-e'])
  if (environment === undefined) return { target: 'production', detail: `\`${command}\`` }
  return { target: classifyName(environment, env), detail: `\`${command} --env ${environment}\`` }
}

const wrangler: DeployTool = {
  id: 'wrangler',
  title: 'Cloudflare Wrangler',
  docs: 'https://developers.cloudflare.com/workers/wrangler/commands/',
  match: ({ argv, env }) => (isCommand(argv[0], ['wrangler']) ? matchArgs(argv.slice(1), env) : undefined),
  matchAction(uses, inputs) {
    const name = actionName(uses)
    if (name === 'cloudflare/pages-action') return matchPages(input(inputs, 'branch') || undefined, {}, 'cloudflare/pages-action')
    if (name !== 'cloudflare/wrangler-action') return undefined
    // `command:` may hold several lines; it defaults to `deploy`
    const environment = input(inputs, 'environment')
    const lines = (input(inputs, 'command') || 'deploy').split('\n').map((line) => splitArgs(line.trim().replace(/^wrangler\s+/, '')))
    const env = environment ? ['--env', environment] : []
    return lines.map((args) => matchArgs([...args, ...env], {})).find((m) => m !== undefined)
  },
}
export default wrangler
