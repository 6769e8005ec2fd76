// https://vercel.com/docs/cli/deploy
import type { LeafCommand } from '../model/command.js'
import { actionName, booleanInput, flagValue, hasFlag, input, isCommand, isExpression, positionals, splitArgs, targetOf } from './argv.js'
import type { DeployMatch, DeployTool } from './types.js'

// flags whose value would otherwise read as the path to deploy
const VALUED = [
  ...['--token', '-t', '--scope', '-S', '--team', '-T', '--cwd', '--local-config', '-A', '--global-config', '-Q'],
  ...['--env', '-e', '--build-env', '-b', '--meta', '-m', '--regions', '--target', '--archive'],
]

// `vercel <word>` deploys the path <word> unless <word> is one of these (https://vercel.com/docs/cli)
const SUBCOMMANDS = new Set([
  ...['alias', 'bisect', 'blob', 'cache', 'certs', 'curl', 'dev', 'dns', 'domains', 'env', 'git', 'help', 'init', 'inspect'],
  ...['install', 'integration', 'link', 'list', 'ls', 'login', 'logout', 'logs', 'microfrontends', 'open', 'project'],
  ...['projects', 'pull', 'redeploy', 'remove', 'rm', 'rollback', 'switch', 'target', 'teams', 'telemetry', 'whoami'],
])

/** `--prod` and `--target=production` build and deploy with Production settings; anything else is a preview. */
function isProduction(args: readonly string[]): boolean {
  return hasFlag(args, ['--prod']) || flagValue(args, ['--target']) === 'production'
}

function matchArgs(args: readonly string[]): DeployMatch | undefined {
  const [sub] = positionals(args, VALUED)
  if (sub === 'promote') return { target: 'production', detail: '`vercel promote`' }
  if (sub !== undefined && SUBCOMMANDS.has(sub)) return undefined
  const command = sub === 'build' ? 'vercel build' : 'vercel deploy'
  return isProduction(args)
    ? { target: 'production', detail: `\`${command} --prod\`` }
    : { target: 'not-production', detail: `\`${command}\` without --prod` }
}

const vercel: DeployTool = {
  id: 'vercel',
  title: 'Vercel',
  docs: 'https://vercel.com/docs/cli/deploy',
  match: ({ argv }: LeafCommand) => (isCommand(argv[0], ['vercel', 'vc']) ? matchArgs(argv.slice(1)) : undefined),
  matchAction(uses, inputs) {
    const name = actionName(uses)
    if (name === 'amondnet/vercel-action') {
      const args = input(inputs, 'vercel-args') ?? ''
      // `vercel-args: ${{ github.ref == 'refs/heads/main' && '--prod' || '' }}` is decided at run time
      if (isExpression(args) && args.includes('--prod')) return { target: 'unknown', detail: '`amondnet/vercel-action` with a computed --prod' }
      return isProduction(splitArgs(args))
        ? { target: 'production', detail: '`amondnet/vercel-action` with `--prod`' }
        : { target: 'not-production', detail: '`amondnet/vercel-action` without `--prod`' }
    }
    if (name === 'betahuhn/deploy-to-vercel-action') {
      const production = booleanInput(input(inputs, 'PRODUCTION'), true)
      return { target: targetOf(production), detail: `\`BetaHuhn/deploy-to-vercel-action\` (PRODUCTION: ${production ?? 'computed'})` }
    }
    return undefined
  },
}
export default vercel
