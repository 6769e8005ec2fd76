// https://man.openbsd.org/ssh
import { actionName, input, isCommand, matchNames } from './argv.js'
import type { DeployMatch, DeployTool } from './types.js'

type Env = Record<string, string>

// ssh options that take an argument, attached (`-p22`) or as the next word (`-p 22`)
const SSH_VALUED = 'BbcDEeFIiJLlmOoPpQRSWw'

/** `ssh [options] host command…`: with a command it runs something remotely; without, it is a login. */
function matchSsh(args: readonly string[], env: Env): DeployMatch | undefined {
  let i = 0
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    const arg = args[i]!
    if (arg === '--') { i++; break }
    const valued = [...arg.slice(1)].findIndex((c) => SSH_VALUED.includes(c))
    if (valued === arg.length - 2) i++
  }
  const host = args[i]
  if (host === undefined || args.length <= i + 1) return undefined
  const match = matchNames('ssh', [host.replace(/^[^@]*@/, '')], env, 'unknown')
  return { ...match, detail: `${match.detail}: runs a command on a remote host` }
}

/** rsync and scp copy to a remote host when the last argument is `[user@]host:path`, `host::module` or a URL. */
function matchCopy(program: string, args: readonly string[], env: Env): DeployMatch | undefined {
  const dest = args.at(-1)
  if (args.length < 2 || dest === undefined || dest.startsWith('-')) return undefined
  const host = /^(?:rsync|scp):\/\/(?:[^@/]*@)?([^/:]+)/.exec(dest)?.[1] ?? /^(?:[^@/:]*@)?([^/:]{2,}):/.exec(dest)?.[1]
  if (host === undefined) return undefined
  const match = matchNames(program, [host], env, 'unknown')
  return { ...match, detail: `${match.detail}: copies to a remote host` }
}

const ACTIONS: Record<string, string> = {
  'appleboy/ssh-action': 'host',
  'appleboy/scp-action': 'host',
  'easingthemes/ssh-deploy': 'REMOTE_HOST',
}

const ssh: DeployTool = {
  id: 'ssh',
  title: 'SSH, rsync and scp to a server',
  docs: 'https://man.openbsd.org/ssh',
  match({ argv, env }) {
    if (isCommand(argv[0], ['ssh'])) return matchSsh(argv.slice(1), env)
    const program = ['rsync', 'scp'].find((p) => isCommand(argv[0], [p]))
    return program === undefined ? undefined : matchCopy(program, argv.slice(1), env)
  },
  matchAction(uses, inputs) {
    const name = actionName(uses)
    const hostInput = ACTIONS[name]
    // which server is production is only visible in the host name, often a secret's (`secrets.STAGING_HOST`)
    return hostInput === undefined ? undefined : matchNames(name, [input(inputs, hostInput)], {}, 'unknown')
  },
}
export default ssh
