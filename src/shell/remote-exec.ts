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
  /** the container it runs in: the compose service, container, pod or image the command names */
  container?: ContainerTarget
}

/** `docker compose exec app …`, `docker exec app …`, `kubectl exec pod …`, `docker run image …` */
export interface ContainerTarget {
  kind: 'compose-service' | 'container' | 'pod' | 'image'
  name: string
  /** `-e NAME=value` (a bare `-e NAME` passes the caller's value on) */
  env: string[]
  /** `--entrypoint`: the command replaces the image's entrypoint too */
  entrypoint: boolean
  /** `-v host:container[:mode]` bind mounts, as written */
  volumes: string[]
  /** `-w`: the directory the command starts in, a container path */
  workdir?: string
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
  /** the leading positional is the container the command runs in */
  container?: ContainerTarget['kind']
}

// https://docs.docker.com/reference/cli/docker/compose/ : global options, given before the subcommand
const COMPOSE_GLOBAL = ['-f', '--file', '-p', '--project-name', '--profile', '--env-file', '--project-directory', '--ansi', '--progress', '--parallel']
const COMPOSE_EXEC = ['-e', '--env', '-u', '--user', '-w', '--workdir', '--index']
const COMPOSE_RUN = ['-e', '--env', '-u', '--user', '-w', '--workdir', '--name', '-v', '--volume', '-p', '--publish', '--entrypoint', '-l', '--label', '--env-from-file', '--cap-add', '--cap-drop', '--pull']
// https://docs.docker.com/reference/cli/docker/container/run/ : the options of `docker run` that take a value
const DOCKER_RUN = ['-e', '--env', '--env-file', '-u', '--user', '-w', '--workdir', '--name', '-v', '--volume', '-p', '--publish', '--entrypoint', '-l', '--label', '--network', '--net',
  '--mount', '--add-host', '--platform', '--restart', '-m', '--memory', '--cpus', '-h', '--hostname', '--link', '--log-driver', '--log-opt', '--pull', '--dns', '--device',
  '--cap-add', '--cap-drop', '--ulimit', '--tmpfs', '--gpus', '--pid', '--ipc', '--expose', '--shm-size', '--security-opt', '--volumes-from', '--label-file', '--stop-signal', '--stop-timeout', '--health-cmd', '--cidfile']

const EXECUTORS: RemoteExecutor[] = [
  { prefix: ['heroku', 'run'], valued: ['-a', '--app', '-r', '--remote', '-s', '--size', '-e', '--env', '--type'], names: ['-a', '--app', '-r', '--remote'], leading: 0, remote: true },
  { prefix: ['heroku', 'run:detached'], valued: ['-a', '--app', '-r', '--remote', '-s', '--size', '-e', '--env'], names: ['-a', '--app', '-r', '--remote'], leading: 0, remote: true },
  { prefix: ['fly', 'ssh', 'console'], valued: ['-a', '--app', '-C', '--command', '-s', '--select', '-r', '--region', '--machine', '-u', '--user', '--pty'], names: ['-a', '--app'], stringOption: ['-C', '--command'], leading: 0, remote: true },
  { prefix: ['flyctl', 'ssh', 'console'], valued: ['-a', '--app', '-C', '--command', '-s', '--select', '-r', '--region', '--machine', '-u', '--user'], names: ['-a', '--app'], stringOption: ['-C', '--command'], leading: 0, remote: true },
  // railway run injects the environment's variables (production by default) into a local command
  { prefix: ['railway', 'run'], valued: ['-e', '--environment', '-s', '--service'], names: ['-e', '--environment', '-s', '--service'], leading: 0, remote: true },
  { prefix: ['kubectl', 'exec'], valued: ['-n', '--namespace', '-c', '--container', '--context', '--kubeconfig', '-f', '--filename', '--pod-running-timeout'], names: ['-n', '--namespace', '--context'], leading: 1, remote: true, leadingNames: true, container: 'pod' },
  { prefix: ['ssh'], valued: ['-i', '-p', '-l', '-o', '-F', '-J', '-L', '-R', '-D', '-b', '-c', '-E', '-e', '-m', '-O', '-Q', '-S', '-W', '-w', '-B'], names: [], leading: 1, remote: true, leadingNames: true },
  // gigalixir run starts a one-off job from the app's current release, with its config; ps:run runs in its running container
  // (https://gigalixir.readthedocs.io/en/latest/runtime.html#how-to-run-jobs)
  { prefix: ['gigalixir', 'run'], valued: ['-a', '--app_name', '-s', '--size', '-t', '--type'], names: ['-a', '--app_name'], leading: 0, remote: true },
  { prefix: ['gigalixir', 'ps:run'], valued: ['-a', '--app_name', '-o', '--ssh_opts', '-r', '--ssh_cmd'], names: ['-a', '--app_name'], leading: 0, remote: true },
  // kamal app exec runs the command in a new container of the deployed app image, on its servers
  { prefix: ['kamal', 'app', 'exec'], valued: ['-r', '--roles', '-h', '--hosts', '-d', '--destination', '-e', '--env', '-c', '--config-file', '--version'], names: ['-d', '--destination'], leading: 0, remote: true },
  { prefix: ['docker', 'compose', 'exec'], valued: COMPOSE_EXEC, names: [], leading: 1, remote: false, container: 'compose-service' },
  // `run` replaces the service's command; its entrypoint still wraps it (https://docs.docker.com/reference/cli/docker/compose/run/)
  { prefix: ['docker', 'compose', 'run'], valued: COMPOSE_RUN, names: [], leading: 1, remote: false, container: 'compose-service' },
  { prefix: ['docker-compose', 'exec'], valued: COMPOSE_EXEC, names: [], leading: 1, remote: false, container: 'compose-service' },
  { prefix: ['docker-compose', 'run'], valued: COMPOSE_RUN, names: [], leading: 1, remote: false, container: 'compose-service' },
  { prefix: ['docker', 'exec'], valued: ['-e', '--env', '-u', '--user', '-w', '--workdir', '--env-file'], names: [], leading: 1, remote: false, container: 'container' },
  { prefix: ['docker', 'container', 'exec'], valued: ['-e', '--env', '-u', '--user', '-w', '--workdir', '--env-file'], names: [], leading: 1, remote: false, container: 'container' },
  { prefix: ['docker', 'run'], valued: DOCKER_RUN, names: [], leading: 1, remote: false, container: 'image' },
  { prefix: ['docker', 'container', 'run'], valued: DOCKER_RUN, names: [], leading: 1, remote: false, container: 'image' },
]

export function matchRemote(input: ShellWord[]): RemoteCommand | undefined {
  // `bundle exec kamal …`, `bin/kamal …`: the same tool
  const words = withoutComposeGlobals(input[0]?.value === 'bundle' && input[1]?.value === 'exec' ? input.slice(2) : input)
  const argv = words.map((w, i) => (i === 0 ? w.value.slice(w.value.lastIndexOf('/') + 1) : w.value))
  const executor = EXECUTORS.find((e) => e.prefix.every((p, i) => argv[i] === p))
  if (!executor) return undefined
  const names: string[] = []
  let stringWord: ShellWord | undefined
  let i = executor.prefix.length
  let leading = executor.leading
  let container: ContainerTarget | undefined
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
      if (executor.container && leading > 0) {
        container ??= { kind: executor.container, name: '', env: [], entrypoint: false, volumes: [] }
        if ((flag === '-e' || flag === '--env') && optionValue !== undefined) container.env.push(optionValue)
        if ((flag === '-v' || flag === '--volume') && optionValue !== undefined) container.volumes.push(optionValue)
        if ((flag === '-w' || flag === '--workdir') && optionValue !== undefined) container.workdir = optionValue
        if (flag === '--entrypoint') container.entrypoint = true
      }
      continue
    }
    if (leading > 0) {
      if (executor.leadingNames) names.push(value)
      if (executor.container) container = { ...(container ?? { env: [], entrypoint: false, volumes: [] }), kind: executor.container, name: value }
      leading--
      continue
    }
    break
  }
  const target = executor.remote ? describeTarget(executor, names) : undefined
  const rest = words.slice(i)
  const where = { ...(target && { target }), ...(container?.name && { container }) }
  // `ssh host 'cd app && npm run seed'` and `fly ssh console -C '…'`: one word holding a script
  if (stringWord) return { commandString: stringWord, ...where }
  if (rest.length === 1 && /\s/.test(rest[0]!.value)) return { commandString: rest[0]!, ...where }
  return rest.length > 0 ? { words: rest, ...where } : undefined
}

/** `docker compose -f x.yml --profile p exec …` as `docker compose exec …`: the files it reads are the caller's to resolve */
function withoutComposeGlobals(words: ShellWord[]): ShellWord[] {
  const at = words[0]?.value.endsWith('docker-compose') ? 1 : words[0]?.value.endsWith('docker') && words[1]?.value === 'compose' ? 2 : 0
  if (at === 0) return words
  let i = at
  while (i < words.length && words[i]!.value.startsWith('-')) i += COMPOSE_GLOBAL.includes(words[i]!.value) ? 2 : 1
  return i === at ? words : [...words.slice(0, at), ...words.slice(i)]
}

function describeTarget(executor: RemoteExecutor, names: string[]): DeployMatch {
  const command = executor.prefix.join(' ')
  const preview = names.find((n) => classifyName(n) === 'not-production')
  if (preview) return { target: 'not-production', detail: `\`${command}\` in \`${preview}\`` }
  const production = names.find((n) => classifyName(n) === 'production')
  const named = production ?? names[0]
  return { target: production || names.length === 0 || executor.prefix[0] !== 'ssh' ? 'production' : 'unknown', detail: `\`${command}\` runs it in the deployed app${named ? ` \`${named}\`` : ''}` }
}
