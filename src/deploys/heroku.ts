// https://devcenter.heroku.com/articles/git
import { actionName, booleanInput, flagValue, input, isCommand, matchNames, positionals } from './argv.js'
import type { DeployMatch, DeployTool } from './types.js'

const GIT_PUSH_VALUED = ['--repo', '-o', '--push-option', '--receive-pack', '--exec']
const HEROKU_VALUED = ['--app', '-a', '--remote', '-r', '--to', '-t', '--arg', '--source', '-s', '--version', '-v']

type Env = Record<string, string>

/** `git push heroku main`, `git push heroku-staging HEAD:main`, `git push https://git.heroku.com/<app>.git`. */
function matchGitPush(args: readonly string[], env: Env): DeployMatch | undefined {
  const remote = positionals(args, GIT_PUSH_VALUED)[1]
  if (remote === undefined) return undefined
  const app = /git\.heroku\.com\/([^/]+?)(?:\.git)?\/?$/.exec(remote)?.[1]
  if (app === undefined && !/^heroku(?:$|[-_])/.test(remote)) return undefined
  return matchNames('git push heroku', [app ?? remote], env, 'production')
}

function matchCli(args: readonly string[], env: Env): DeployMatch | undefined {
  const sub = positionals(args, HEROKU_VALUED)[0]
  const app = flagValue(args, ['--app', '-a']) ?? env['HEROKU_APP']
  // container:push only uploads an image; container:release makes it the running release
  if (sub === 'container:release' || sub === 'builds:create') return matchNames(`heroku ${sub}`, [app], env, 'production')
  // promotion creates a release on the downstream app, so `-a` names the source, not the target
  // (the release phase runs there: https://devcenter.heroku.com/articles/release-phase)
  if (sub === 'pipelines:promote') return matchNames('heroku pipelines:promote', [flagValue(args, ['--to', '-t'])], env, 'production')
  return undefined
}

const heroku: DeployTool = {
  id: 'heroku',
  title: 'Heroku',
  docs: 'https://devcenter.heroku.com/articles/git',
  match({ argv, env }) {
    if (isCommand(argv[0], ['git']) && argv[1] === 'push') return matchGitPush(argv.slice(1), env)
    return isCommand(argv[0], ['heroku']) ? matchCli(argv.slice(1), env) : undefined
  },
  matchAction(uses, inputs) {
    if (actionName(uses) !== 'akhileshns/heroku-deploy') return undefined
    // `justlogin: true` only logs the CLI in; a later `run:` step does the deploying
    if (booleanInput(input(inputs, 'justlogin'), false) === true) return undefined
    return matchNames('akhileshns/heroku-deploy', [input(inputs, 'heroku_app_name')], {}, 'production')
  },
}
export default heroku
