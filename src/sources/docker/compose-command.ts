// Compose as the shell runs it: which files, profiles and services `docker compose up|run` starts, and the Dockerfile a service's `build:` names.
import { flagValues, positionals } from '../../deploys/argv.js'
import type { SimpleCommand } from '../../shell/parse.js'
import { serverCommands, serverCommandsOfText, type Interest, type ServerCommand } from '../../shell/server-commands.js'
import { basenameOf, dirnameOf, joinPath, selfAndAncestors } from '../../util/paths.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'
import type { Project } from '../../project/project.js'
import { composeServices, defaultDockerfile, isComposeFile, yamlOf } from './files.js'
import type { ComposeUp } from '../../production/deployments.js'

/** a compose `build:` (a context string, or `context`/`dockerfile`/`target`) as the Dockerfile it builds */
export function composeBuild(project: Project, view: YamlView, dir: string, build: YamlNode | undefined): { dockerfile: string; context: string; target?: string } | undefined {
  if (!build) return undefined
  const context = joinPath(dir, view.string(build) ?? view.string(view.get(build, 'context')) ?? '.')
  if (!context) return undefined
  const named = view.string(view.get(build, 'dockerfile'))
  const dockerfile = named ? joinPath(context, named) : defaultDockerfile(project, context)
  const target = view.string(view.get(build, 'target'))
  return dockerfile && project.cache.exists(dockerfile) ? { dockerfile, context, ...(target && { target }) } : undefined
}

// https://docs.docker.com/reference/cli/docker/compose/ : options that take a value, global and of `up`/`run`
const VALUED = ['-f', '--file', '-p', '--project-name', '--profile', '--env-file', '--project-directory', '--ansi', '--progress', '--parallel',
  '--attach', '--exit-code-from', '--no-attach', '--pull', '--scale', '-t', '--timeout', '--wait-timeout',
  '-e', '--env', '--env-from-file', '-u', '--user', '-w', '--workdir', '--name', '-v', '--volume', '--publish', '--entrypoint', '-l', '--label', '--cap-add', '--cap-drop']

/** a `docker compose` / `docker-compose` command line: its subcommand, the words after it, the files it reads and the profiles it enables */
export interface ComposeCommand {
  subcommand: string | undefined
  rest: string[]
  files: string[]
  profiles: string[]
}

/**
 * One `docker compose [-f x]… [--profile p]… <subcommand> …` argv: the files it reads (without `-f`
 * or `COMPOSE_FILE`, the default file nearest to `dir`) and the profiles it enables
 * (https://docs.docker.com/compose/how-tos/profiles/); undefined for any other command.
 */
export function composeCommandOf(project: Project, argv: readonly string[], dir: string, env: Record<string, string>): ComposeCommand | undefined {
  const at = basenameOf(argv[0] ?? '') === 'docker-compose' ? 1 : basenameOf(argv[0] ?? '') === 'docker' && argv[1] === 'compose' ? 2 : -1
  if (at < 0) return undefined
  const args = argv.slice(at)
  const [subcommand, ...rest] = positionals(args, VALUED)
  const profiles = [...(env.COMPOSE_PROFILES ?? '').split(','), ...flagValues(args, ['--profile'])].map((p) => p.trim()).filter(Boolean)
  const named = flagValues(args, ['-f', '--file'])
  // COMPOSE_FILE separates files with `:` (https://docs.docker.com/compose/how-tos/environment-variables/envvars/)
  const given = named.length > 0 ? named : (env.COMPOSE_FILE ?? '').split(':').filter(Boolean)
  const files = given.length > 0 ? given.flatMap((n) => nearest(project, dir, (f) => basenameOf(f) === basenameOf(n) && isComposeFile(f))) : nearest(project, dir, (f) => /^(docker-)?compose\.ya?ml$/.test(basenameOf(f)))
  return { subcommand, rest, files, profiles }
}

/**
 * `docker stack deploy|up -c <file>… <stack>` (https://docs.docker.com/reference/cli/docker/stack/deploy/):
 * the swarm brings the compose files' services up as `docker compose up` would, on the swarm's nodes.
 * `-c -` reads stdin, which no file shows.
 */
function stackDeployOf(project: Project, argv: readonly string[], dir: string): ComposeUp[] {
  if (basenameOf(argv[0] ?? '') !== 'docker' || argv[1] !== 'stack' || (argv[2] !== 'deploy' && argv[2] !== 'up')) return []
  const args = argv.slice(3)
  const [stack] = positionals(args, STACK_VALUED)
  const named = flagValues(args, ['-c', '--compose-file']).filter((n) => n !== '-')
  const files = named.flatMap((n) => {
    const path = joinPath(dir, n)
    return path && project.cache.exists(path) && isComposeFile(path) ? [path] : nearest(project, dir, (f) => basenameOf(f) === basenameOf(n) && isComposeFile(f))
  })
  return stack === undefined ? [] : files.map((file) => ({ file, subcommand: 'up' as const, profiles: [], services: [], stack }))
}

// https://docs.docker.com/reference/cli/docker/stack/deploy/#options : the options that take a value
const STACK_VALUED = ['-c', '--compose-file', '--resolve-image', '--orchestrator', '--namespace', '--kubeconfig']

/** what a compose run's deploy says it did: a swarm stack is deployed, not brought up where the command runs */
export function composeRunHow(up: ComposeUp, usual: string): string {
  return up.stack === undefined ? usual : `deployed to a swarm as stack \`${up.stack}\``
}

/** One `docker compose … up [service…]` or `run service` argv as the stacks it starts and the services it names. */
export function readComposeCommand(project: Project, argv: readonly string[], dir: string, env: Record<string, string>): ComposeUp[] {
  const stacks = stackDeployOf(project, argv, dir)
  if (stacks.length > 0) return stacks
  const command = composeCommandOf(project, argv, dir, env)
  if (!command) return []
  const { subcommand, rest, files, profiles } = command
  // `run seed <command>` replaces the service's own command, which the walker follows as a command of its own
  if ((subcommand !== 'up' && subcommand !== 'run') || (subcommand === 'run' && rest.length !== 1)) return []
  return files.map((file) => ({ file, subcommand, profiles, services: rest }))
}

/** a command that may bring up compose or a swarm stack */
const COMPOSE_INTEREST: Interest = { word: /compose|^stack$/, text: /compose|stack/ }

/**
 * The compose runs of parsed shell commands: their own (`here`), and those in the shell text a
 * command hands to a server (`remote`). A stack deploy runs on the swarm the docker CLI talks to:
 * a server, wherever the command is typed.
 */
export function composeUps(project: Project, commands: SimpleCommand[], env: Record<string, string> = {}): { here: ComposeUp[]; remote: ComposeUp[] } {
  return sortUps(project, serverCommands(commands, COMPOSE_INTEREST, env))
}

/** shell text that is not a file of its own (an `ssh` argument, an ssh action's `script:`) */
export function composeUpsOfText(project: Project, text: string, dir: string): { here: ComposeUp[]; remote: ComposeUp[] } {
  return sortUps(project, serverCommandsOfText(text, dir, COMPOSE_INTEREST))
}

function sortUps(project: Project, commands: ServerCommand[]): { here: ComposeUp[]; remote: ComposeUp[] } {
  const out = { here: [] as ComposeUp[], remote: [] as ComposeUp[] }
  for (const { argv, env, cwd, remote } of commands) for (const up of readComposeCommand(project, argv, cwd, env)) (remote || up.stack !== undefined ? out.remote : out.here).push(up)
  return out
}

/** the matching files in `dir` or the nearest directory above it that has one */
function nearest(project: Project, dir: string, test: (file: string) => boolean): string[] {
  const files = project.cache.files.list().filter(test)
  for (const current of selfAndAncestors(dir)) {
    const here = files.filter((f) => dirnameOf(f) === current)
    if (here.length > 0) return here
  }
  return files.length === 1 ? files : []
}

/** a prod-named compose file whose services only adjust the base file's services (no image, no build) */
export function isOverlay(project: Project, file: string): boolean {
  const view = yamlOf(project, file)
  const services = view ? composeServices(view) : []
  return services.length > 0 && services.every(({ value }) => !view!.get(value, 'image') && !view!.get(value, 'build'))
}
