// Shell text (scripts, workflow `run:` steps) that builds, pushes, deploys or brings up images, read command by command;
// with it the charts, manifests and playbooks it applies and the systemd units it starts.
import kubernetes, { manifestsOf, type ManifestApply } from '../../deploys/kubernetes.js'
import terraform, { configurationsOf } from '../../deploys/terraform.js'
import type { ShellSource } from '../../model/context.js'
import { parseShellOnce } from '../../shell/parse.js'
import { basenameOf, joinPath } from '../../util/paths.js'
import type { Project } from '../../project/project.js'
import { expandVars, flagValues, type Target } from '../../deploys/argv.js'
import { imageName, type ImageName } from '../../model/image-name.js'
import { playbookCommand } from '../../shell/ansible-playbook.js'
import type { Span } from '../../model/span.js'
import { composeUps } from './compose-command.js'
import { serverCommands } from '../../shell/server-commands.js'
import { UNIT_INTEREST, unitStarts, type UnitStart } from '../systemd/units.js'
import { isRepoDir } from './container-paths.js'
import { defaultDockerfile } from './files.js'
import { skaffoldArtifacts } from '../skaffold.js'
import type { Build, ComposeUp } from '../../production/deployments.js'

/**
 * `docker build`/`docker push`/`docker compose up` in shell text, with the files they name, and the
 * deploy CLIs that build the Dockerfile of a directory themselves (`gcloud run deploy --source`,
 * `heroku container:push`, `railway up`, `fly deploy --dockerfile`), and the charts, manifests and
 * Terraform configurations `helm`, `kubectl` and `terraform` apply, with the target the command names.
 */
export function readShellDocker(project: Project, source: ShellSource, cwd: string, env: Record<string, string> = {}): ShellDocker {
  const lines = project.cache.get(source.file)
  const out: ShellDocker = { builds: [], pushes: false, composeUp: [], remoteComposeUp: [], manifests: [], playbooks: [], units: [] }
  if (!lines) return out
  const commands = parseShellOnce(source, lines, joinPath('.', cwd) ?? '.').commands
  const ups = composeUps(project, commands, env)
  out.composeUp.push(...ups.here)
  out.remoteComposeUp.push(...ups.remote)
  out.units.push(...unitStarts(serverCommands(commands, UNIT_INTEREST, env)))
  for (const command of commands) {
    const argv = command.words.map((w) => w.value)
    // the parse masks a workflow's `${{ }}` expressions: an image name is read as the file writes it,
    // `${{ env.NAME }}` being the job's variable NAME (https://docs.github.com/en/actions/reference/workflows-and-actions/contexts#env-context)
    const asWritten = command.words.map((w) => (w.dynamic ? lines.text.slice(w.span.start.offset, w.span.end.offset).replace(/^(["'])([\s\S]*)\1$/, '$2').replace(/\$\{\{\s*env\.(\w+)\s*\}\}/g, (whole, name: string) => env[name] ?? whole) : w.value))
    const program = basenameOf(argv[0] ?? '')
    // podman and buildah take docker's build and push arguments: https://docs.podman.io/en/latest/markdown/podman-build.1.html
    const at = DOCKER_LIKE.has(program) ? (['build', 'bud', 'push'].includes(argv[1] ?? '') ? 1 : ['buildx', 'image'].includes(argv[1] ?? '') ? 2 : -1) : -1
    if (at > 0 && argv[at] === 'push') out.pushes = true
    /** a repository path from a path as the command sees it; one naming a variable the job does not set is not known */
    const located = (path: string | undefined): string | undefined => {
      const expanded = path === undefined ? undefined : expandVars(path.replace(/^dir:\/\//, ''), env)
      if (expanded === undefined || expanded.includes('$')) return undefined
      return joinPath(command.cwd, expanded)
    }
    const add = (dir: string | undefined, file: string | undefined, target: string | undefined, deployed?: string, tags: string[] = []) => {
      const context = located(dir)
      // kaniko and BuildKit read a relative --dockerfile against the directory they run in, then against the context
      const named = file === undefined ? [] : [located(file), ...(context && !file.includes('$') ? [joinPath(context, file)] : [])]
      const dockerfile = context && (file !== undefined ? named.find((p) => p !== undefined && project.cache.exists(p)) : defaultDockerfile(project, context))
      const buildArgs = buildArgsOf(argv.flatMap((a, i) => (a === '--build-arg' ? [argv[i + 1] ?? ''] : a.startsWith('--build-arg=') ? [a.slice('--build-arg='.length)] : [])), env)
      // `--secret id=db,env=DATABASE_URL` hands the build that variable; with neither env nor src, the one named by the id
      // (https://docs.docker.com/reference/cli/docker/buildx/build/#secret)
      const buildSecrets = buildArgsOf(argv.flatMap((a, i) => (a === '--secret' ? [argv[i + 1] ?? ''] : a.startsWith('--secret=') ? [a.slice('--secret='.length)] : [])).flatMap(secretPair), env)
      const names = tags.map((t) => imageName(t, env)).filter((n): n is ImageName => n !== undefined)
      if (context && dockerfile && project.cache.exists(dockerfile)) out.builds.push({ dockerfile, context, ...(target && { target }), span: command.span, ...(deployed && { deployed }), buildArgs, ...(Object.keys(buildSecrets).length > 0 && { buildSecrets }), ...(names.length > 0 && { names }) })
    }
    if (at > 0 && (argv[at] === 'build' || argv[at] === 'bud')) {
      const { values, positionals } = options(argv.slice(at + 1), ['-f', '--file', '-t', '--tag', '--target', '--build-arg', '--platform', '--cache-from', '--cache-to', '--label', '--secret', '--progress', '-o', '--output', '--network'])
      if (argv.includes('--push')) out.pushes = true
      add(positionals[0], values['-f'] ?? values['--file'], values['--target'], undefined, flagValues(asWritten.slice(at + 1), ['-t', '--tag']))
    }
    // kaniko builds and pushes in one command unless told not to: https://github.com/GoogleContainerTools/kaniko#flag---no-push
    if (program === 'executor' && argv[0]!.includes('kaniko')) {
      const { values } = options(argv.slice(1), ['--context', '-c', '--dockerfile', '-f', '--destination', '-d', '--target', '--build-arg'])
      if ((values['--destination'] ?? values['-d']) !== undefined && !argv.includes('--no-push')) out.pushes = true
      add(values['--context'] ?? values['-c'], values['--dockerfile'] ?? values['-f'], values['--target'], undefined, flagValues(asWritten.slice(1), ['--destination', '-d']))
    }
    const { values, positionals } = options(argv.slice(1), ['--source', '--tag', '--region', '--project', '-a', '--app', '--config', '-c', '--dockerfile', '--service', '-s', '--environment', '-e', '--image'])
    if (program === 'gcloud' && positionals[0] === 'run' && positionals[1] === 'deploy' && values['--source'] !== undefined) add(values['--source'], undefined, undefined, '`gcloud run deploy --source`')
    if (program === 'gcloud' && positionals[0] === 'builds' && positionals[1] === 'submit' && values['--config'] === undefined) add(positionals[2] ?? '.', undefined, undefined, '`gcloud builds submit`')
    if (program === 'heroku' && positionals[0] === 'container:push') add('.', undefined, undefined, '`heroku container:push`')
    if (program === 'railway' && positionals[0] === 'up') add(positionals[1] ?? '.', undefined, undefined, '`railway up`')
    if ((program === 'fly' || program === 'flyctl') && positionals[0] === 'deploy' && values['--dockerfile'] !== undefined) add(positionals[1] ?? '.', values['--dockerfile'], undefined, '`fly deploy --dockerfile`')
    if (program === 'skaffold') {
      const skaffold = skaffoldBuilds(project, argv, located, command.span)
      out.builds.push(...skaffold.builds)
      out.pushes ||= skaffold.pushes
    }
    const playbook = playbookCommand(argv)
    if (playbook) {
      // a script is usually run from the repository root, whatever directory it sits in
      const inRepo = (path: string) => [located(path), joinPath('.', path)].find((p) => p !== undefined && (project.cache.exists(p) || isRepoDir(project, p)))
      // an inventory kept out of the repository (`inventories/production`, ignored for its secrets) still names its environment
      const inventories = playbook.inventories.filter((i) => !i.includes(',')).map((i) => inRepo(i) ?? located(i)).filter((i): i is string => i !== undefined)
      for (const p of playbook.playbooks) {
        const path = inRepo(p)
        if (path !== undefined) out.playbooks.push({ playbook: path, inventories, span: command.span, command: `\`${argv.join(' ')}\`` })
      }
    }
    const applier = program === 'helm' || program === 'kubectl' ? { tool: kubernetes, applies: manifestsOf } : program === 'terraform' || program === 'tofu' ? { tool: terraform, applies: configurationsOf } : undefined
    const target = applier?.tool.match({ argv, env, cwd: command.cwd })?.target
    for (const m of target ? applier!.applies(argv) : []) {
      const path = joinPath(command.cwd, m.path)
      if (path !== undefined) out.manifests.push({ ...m, path, values: m.values.map((v) => joinPath(command.cwd, v) ?? v), target: target!, command: `\`${argv.slice(0, 4).join(' ')}\`` })
    }
  }
  return out
}

const DOCKER_LIKE = new Set(['docker', 'podman', 'buildah'])

/**
 * `skaffold run` builds the config's artifacts and deploys them, `skaffold deploy` deploys the ones
 * built before (`--build-artifacts`, `--images`), `skaffold build` builds and pushes them to the
 * registry (https://skaffold.dev/docs/references/cli/): all three send the Dockerfiles of
 * `-f`'s file (default skaffold.yaml where the command runs) to where the cluster runs them, with
 * the `-p` profiles' build sections in place of the base one.
 */
function skaffoldBuilds(project: Project, argv: string[], located: (path: string | undefined) => string | undefined, span: Span): { builds: Build[]; pushes: boolean } {
  const { values, positionals } = options(argv.slice(1), ['-f', '--filename', '-p', '--profile', '-m', '--module', '--kube-context', '-n', '--namespace', '--build-artifacts', '-a', '--default-repo', '-d', '--tag', '-t'])
  const subcommand = positionals[0]
  // a build kept local (`--push=false`) reaches no registry, so no cluster runs it
  const pushes = subcommand === 'build' && !argv.includes('--push=false')
  if (subcommand !== 'run' && subcommand !== 'deploy' && !pushes) return { builds: [], pushes: false }
  const file = located(values['-f'] ?? values['--filename'] ?? 'skaffold.yaml')
  if (file === undefined || !project.cache.exists(file)) return { builds: [], pushes: false }
  const profiles = flagValues(argv.slice(1), ['-p', '--profile']).flatMap((p) => p.split(','))
  const builds = skaffoldArtifacts(project, file, profiles).map(({ dockerfile, context, target }) => ({ dockerfile, context, ...(target && { target }), span, buildArgs: {}, ...(!pushes && { deployed: `\`skaffold ${subcommand}\`` }) }))
  return { builds, pushes }
}

interface ShellDocker {
  builds: Build[]
  pushes: boolean
  composeUp: ComposeUp[]
  remoteComposeUp: ComposeUp[]
  manifests: (ManifestApply & { target: Target; command: string })[]
  /** systemd units started or installed, here or on a server the text hands commands to */
  units: UnitStart[]
  /** `ansible-playbook` runs of repository playbooks */
  playbooks: { playbook: string; inventories: string[]; span: Span; command: string }[]
}

/** `NAME=value` build args; `${{ secrets.X }}` (directly or through `${{ env.Y }}`) becomes `<secret X>` */
export function buildArgsOf(pairs: string[], env: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of pairs) {
    const match = /^\s*(\w+)=(.*)$/.exec(pair)
    if (!match) continue
    const raw = match[2]!.trim().replace(/\$\{\{\s*env\.(\w+)\s*\}\}|\$\{?(\w+)\}?/g, (m, expr: string | undefined, shell: string | undefined) => env[expr ?? shell ?? ''] ?? m)
    // `a && secrets.X || secrets.Y`: the fallback is what the default branch gets
    const secret = [...raw.matchAll(/secrets\.(\w+)/g)].at(-1)?.[1]
    if (secret) out[match[1]!] = `<secret ${secret}>`
    else if (!/\$/.test(raw)) out[match[1]!] = raw
  }
  return out
}

/** `id=db,env=DATABASE_URL` as the `id=$DATABASE_URL` pair buildArgsOf reads; a file source (`src=`) is not known */
function secretPair(spec: string): string[] {
  const fields = Object.fromEntries(spec.split(',').map((f) => [f.slice(0, Math.max(f.indexOf('='), 0)), f.slice(f.indexOf('=') + 1)]))
  const id = fields.id
  if (!id || fields.src !== undefined || fields.source !== undefined) return []
  return [`${id}=$${fields.env ?? id}`]
}

function options(args: string[], valued: string[]): { values: Record<string, string>; positionals: string[] } {
  const values: Record<string, string> = {}
  const positionals: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const eq = arg.indexOf('=')
    if (arg.startsWith('-') && eq > 0) values[arg.slice(0, eq)] = arg.slice(eq + 1)
    else if (valued.includes(arg)) values[arg] = args[++i] ?? ''
    else if (!arg.startsWith('-')) positionals.push(arg)
  }
  return { values, positionals }
}
