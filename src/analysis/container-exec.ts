// A command run inside a container (`docker compose exec app …`, `docker exec`, `kubectl exec`, `docker run image …`): the environment and tree it runs in.
import type { SeedguardConfig } from '../config/types.js'
import type { ProductionReason } from '../model/production.js'
import { nameVerdict } from '../production/evidence.js'
import type { Project } from '../project/project.js'
import type { ContainerTarget } from '../shell/remote-exec.js'
import { composeBuild, composeCommandOf } from '../sources/docker/compose-command.js'
import { localEnvironment, serviceEnvironment } from '../sources/docker/compose-env.js'
import { yamlOf } from '../sources/docker/files.js'
import { basenameOf, dirnameOf, joinPath } from '../util/paths.js'

export interface ContainerRun {
  /** the container's own environment, not the caller's: a compose service's `env_file`/`environment` and `-e`; empty where unknown */
  env: Record<string, string>
  /** the repository directory the command starts in: the one a compose service's image is built from, or the one `docker run -v` binds at its `-w` */
  cwd: string | undefined
  label: string
  /** a stack or service that says it is not production (`-f docker-compose.dev.yml`, `APP_ENV=local`) */
  against?: ProductionReason
}

const KIND_LABEL: Record<ContainerTarget['kind'], string> = { 'compose-service': 'compose service', container: 'container', pod: 'pod', image: 'a container of image' }

/**
 * `docker compose exec|run` runs in the service's container, which sees the service's `env_file` and
 * `environment:` and `-e` (https://docs.docker.com/reference/cli/docker/compose/exec/), not the
 * caller's shell variables; the others see only what `-e` passes (a bare `-e NAME` passes the caller's).
 */
export function containerRun(project: Project, config: SeedguardConfig, container: ContainerTarget, argv: string[], command: string, cwd: string, callerEnv: Record<string, string>): ContainerRun {
  const passed: Record<string, string> = {}
  for (const pair of container.env) {
    const eq = pair.indexOf('=')
    if (eq > 0) passed[pair.slice(0, eq)] = pair.slice(eq + 1)
    else if (callerEnv[pair] !== undefined) passed[pair] = callerEnv[pair]!
  }
  // `kubectl exec deploy/api` picks one pod of the workload
  const where = container.kind === 'pod' && container.name.includes('/') ? `a pod of \`${container.name}\`` : `${KIND_LABEL[container.kind]} \`${container.name}\``
  if (container.kind === 'image') return { env: passed, cwd: boundWorkdir(container, cwd), label: `runs \`${command}\` in ${where}` }
  if (container.kind !== 'compose-service') return { env: passed, cwd: undefined, label: `runs \`${command}\` in ${where}` }
  const file = composeCommandOf(project, argv, cwd, callerEnv)?.files.find((f) => serviceNode(project, f, container.name) !== undefined)
  if (!file) return { env: passed, cwd: undefined, label: `runs \`${command}\` in ${where}` }
  const view = yamlOf(project, file)!
  const service = serviceNode(project, file, container.name)
  const dir = dirnameOf(file)
  const env = { ...serviceEnvironment(project, view, dir, service), ...passed }
  const build = composeBuild(project, view, dir, view.get(service, 'build'))
  const label = `runs \`${command}\` in ${where} of ${file}`
  const named = nameVerdict(basenameOf(file).replace(/\.ya?ml$/, ''), config) === 'not-production' ? `${file} is named for local or non-production use` : undefined
  const local = named ?? localEnvironment(env, config)
  return { env, cwd: build?.context, label, ...(local && { against: { kind: 'environment', towards: false, detail: local } }) }
}

function serviceNode(project: Project, file: string, name: string) {
  const view = yamlOf(project, file)
  return view?.get(view.get(view.root, 'services'), name)
}

/**
 * `docker run -v "$(pwd)/backend:/app" -w /app image bash release.sh`: the directory it starts in is a
 * bind mount of the caller's tree (https://docs.docker.com/engine/storage/bind-mounts/), so the
 * command reads the repository's backend/. undefined where no bind mount of a relative or
 * `$(pwd)`-based host path holds `-w`.
 */
function boundWorkdir(container: ContainerTarget, callerCwd: string): string | undefined {
  const workdir = container.workdir
  if (workdir === undefined) return undefined
  for (const volume of container.volumes) {
    const [host = '', target = ''] = volume.split(':')
    const inside = workdir === target ? '' : workdir.startsWith(`${target}/`) ? workdir.slice(target.length + 1) : undefined
    if (inside === undefined || !/^\/./.test(target)) continue
    // `$(pwd)`, `$PWD` and `${PWD}` are the caller's directory; any other expansion is unknown
    const relative = host.replace(/^(\$\(pwd\)|\$\{PWD\}|\$PWD)(?=\/|$)/, '.')
    if (relative.includes('$') || !/^\.\.?(\/|$)/.test(relative)) continue
    return joinPath(callerCwd, `${relative}/${inside}`)
  }
  return undefined
}
