// https://cli.netlify.com/commands/deploy/
import { actionName, booleanInput, hasFlag, input, isCommand, positionals, splitArgs, targetOf } from './argv.js'
import type { DeployMatch, DeployTool } from './types.js'

const VALUED = ['--dir', '-d', '--functions', '-f', '--alias', '--branch', '-b', '--context', '--message', '-m', '--site', '-s', '--auth', '--filter', '--timeout']

function matchArgs(args: readonly string[]): DeployMatch | undefined {
  if (positionals(args, VALUED)[0] !== 'deploy') return undefined
  // `--trigger` starts a build on Netlify from the linked repository instead of uploading; which
  // context that build gets is not visible here
  if (hasFlag(args, ['--trigger'])) return { target: 'unknown', detail: '`netlify deploy --trigger`' }
  // --prod-if-unlocked falls back to a draft only when someone locked the production deploy
  const production = !hasFlag(args, ['--draft']) && hasFlag(args, ['--prod', '-p', '--prod-if-unlocked', '--prodIfUnlocked'])
  return production
    ? { target: 'production', detail: '`netlify deploy --prod`' }
    : { target: 'not-production', detail: '`netlify deploy` without --prod (a draft deploy)' }
}

const netlify: DeployTool = {
  id: 'netlify',
  title: 'Netlify',
  docs: 'https://cli.netlify.com/commands/deploy/',
  match: ({ argv }) => (isCommand(argv[0], ['netlify', 'ntl']) ? matchArgs(argv.slice(1)) : undefined),
  matchAction(uses, inputs) {
    const name = actionName(uses)
    if (name === 'nwtgck/actions-netlify') {
      const production = booleanInput(input(inputs, 'production-deploy'), false)
      return { target: targetOf(production), detail: `\`nwtgck/actions-netlify\` (production-deploy: ${production ?? 'computed'})` }
    }
    if (name === 'netlify/actions/cli') return matchArgs(splitArgs(input(inputs, 'args') ?? ''))
    return undefined
  },
}
export default netlify
