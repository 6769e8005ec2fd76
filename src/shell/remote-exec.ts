import { classifyName } from '../deploys/argv.js'
import type { DeployMatch } from '../deploys/types.js'
import type { ShellWord } from './parse.js'

/**
 * Commands that run another command inside a deployed app or container: `heroku run`, `fly ssh
 * console -C`, `railway run`, `kubectl exec`, `ssh host '…'`, `docker compose exec`. The inner
 * command is followed like any other; the remote ones also say where it runs, because a seed
 * sent to the production app by `heroku run` seeds production whatever the CI job's own settings.
 */
export interface RemoteCommand {
  /** the command to follow: argv words, or one word holding a shell string */
  words?: ShellWord[]
  commandString?: ShellWord
  /** where it runs; undefined for a local container (`docker compose exec`) */
  target?: DeployMatch
}

interface RemoteExecutor {
  /** argv prefix, e.g. ['heroku', 'run'] */
  prefix: string[]
  valued: string[]
  /** options naming the app/environment the command runs in */
  names: string[]
  /** the inner command is one shell string given by this option (`-C "…"`) */
  stringOption?: string[]
  /** positionals before the command (kubectl's pod, ssh's host, compose's service) */
  leading: number
  /** remote: a deployed app (a deploy signal); local: a container on the runner */
  remote: boolean
  /** a leading positional names the target too (the ssh host, the pod) */
  leadingNames?: boolean
}

const EXECUTORS: RemoteExecutor[] = [
  { prefix: ['heroku', 'run'], valued: ['-a', '--app', '-r', '--remote', '-s', '--size', '-e', '--env', '--type'], names: ['-a', '--app', '-r', '--remote'], leading: 0, remote: true },
  { prefix: ['heroku', 'run:detached'], valued: ['-a', '--app', '-r', '--remote', '-s', '--size', '-e', '--env'], names: ['-a', '--app', '-r', '--remote'], leading: 0, remote: true },
  { prefix: ['fly', 'ssh', 'console'], valued: ['-a', '--app', '-C', '--command', '-s', '--select', '-r', '--region', '--machine', '-u', '--user', '--pty'], names: ['-a', '--app'], stringOption: ['-C', '--command'], leading: 0, remote: true },
  { prefix: ['flyctl', 'ssh', 'console'], valued: ['-a', '--app', '-C', '--command', '-s', '--select', '-r', '--region', '--machine', '-u', '--user'], names: ['-a', '--app'], stringOption: ['-C', '--command'], leading: 0, remote: true },
  // railway run injects the environment's variables (production by default) into a local command
  { prefix: ['railway', 'run'], valued: ['-e', '--environment', '-s', '--service'], names: ['-e', '--environment', '-s', '--service'], leading: 0, remote: true },
  { prefix: ['kubectl', 'exec'], valued: ['-n', '--namespace', '-c', '--container', '--context', '--kubeconfig', '-f', '--filename', '--pod-running-timeout'], names: ['-n', '--namespace', '--context'], leading: 1, remote: true, leadingNames: true },
  { prefix: ['ssh'], valued: ['-i', '-p', '-l', '-o', '-F', '-J', '-L', '-R', '-D', '-b', '-c', '-E', '-e', '-m', '-O', '-Q', '-S', '-W', '-w', '-B'], names: [], leading: 1, remote: true, leadingNames: true },
  // kamal app exec runs the command in a new container of the deployed app image, on its servers
  { prefix: ['kamal', 'app', 'exec'], valued: ['-r', '--roles', '-h', '--hosts', '-d', '--destination', '-e', '--env', '-c', '--config-file', '--version'], names: ['-d', '--destination'], leading: 0, remote: true },
  { prefix: ['docker', 'compose', 'exec'], valued: ['-e', '--env', '-u', '--user', '-w', '--workdir', '--index'], names: [], leading: 1, remote: false },
  { prefix: ['docker', 'compose', 'run'], valued: ['-e', '--env', '-u', '--user', '-w', '--workdir', '--name', '-v', '--volume', '-p', '--publish', '--entrypoint', '-l', '--label'], names: [], leading: 1, remote: false },
  { prefix: ['docker-compose', 'exec'], valued: ['-e', '--env', '-u', '--user', '-w', '--workdir', '--index'], names: [], leading: 1, remote: false },
  { prefix: ['docker-compose', 'run'], valued: ['-e', '--env', '-u', '--user', '-w', '--workdir', '--name', '-v', '--volume', '-p', '--publish', '--entrypoint'], names: [], leading: 1, remote: false },
  { prefix: ['docker', 'exec'], valued: ['-e', '--env', '-u', '--user', '-w', '--workdir', '--env-file'], names: [], leading: 1, remote: false },
]

export function matchRemote(input: ShellWord[]): RemoteCommand | undefined {
  // `bundle exec kamal …`, `bin/kamal …`: the same tool
  const words = input[0]?.value === 'bundle' && input[1]?.value === 'exec' ? input.slice(2) : input
  const argv = words.map((w, i) => (i === 0 ? w.value.slice(w.value.lastIndexOf('/') + 1) : w.value))
  const executor = EXECUTORS.find((e) => e.prefix.every((p, i) => argv[i] === p))
  if (!executor) return undefined
  const names: string[] = []
  let stringWord: ShellWord | undefined
  let i = executor.prefix.length
  let leading = executor.leading
  for (; i < words.length; i++) {
    const value = words[i]!.value
    if (value === '--') {
      i++
      break
    }
    if (value.startsWith('-') && value.length > 1) {
      const [flag, inline] = value.includes('=') ? [value.slice(0, value.indexOf('=')), value.slice(value.indexOf('=') + 1)] : [value, undefined]
      const takes = executor.valued.includes(flag!)
      const optionValue = inline ?? (takes ? words[++i]?.value : undefined)
      if (executor.stringOption?.includes(flag!)) stringWord = inline === undefined ? words[i] : { ...words[i]!, value: inline }
      if (optionValue !== undefined && executor.names.includes(flag!)) names.push(optionValue)
      continue
    }
    if (leading > 0) {
      if (executor.leadingNames) names.push(value)
      leading--
      continue
    }
    break
  }
  const target = executor.remote ? describeTarget(executor, names) : undefined
  const rest = words.slice(i)
  // `ssh host 'cd app && npm run seed'` and `fly ssh console -C '…'`: one word holding a script
  if (stringWord) return { commandString: stringWord, ...(target && { target }) }
  if (rest.length === 1 && /\s/.test(rest[0]!.value)) return { commandString: rest[0]!, ...(target && { target }) }
  return rest.length > 0 ? { words: rest, ...(target && { target }) } : undefined
}

function describeTarget(executor: RemoteExecutor, names: string[]): DeployMatch {
  const command = executor.prefix.join(' ')
  const preview = names.find((n) => classifyName(n) === 'not-production')
  if (preview) return { target: 'not-production', detail: `\`${command}\` in \`${preview}\`` }
  const production = names.find((n) => classifyName(n) === 'production')
  const named = production ?? names[0]
  return { target: production || names.length === 0 || executor.prefix[0] !== 'ssh' ? 'production' : 'unknown', detail: `\`${command}\` runs it in the deployed app${named ? ` \`${named}\`` : ''}` }
}
