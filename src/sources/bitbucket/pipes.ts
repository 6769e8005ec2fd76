// Pipes: a script entry `- pipe: owner/name:version` runs a Docker image from outside the
// repository with the `variables:` it is given (https://support.atlassian.com/bitbucket-cloud/docs/what-are-pipes/).
// What the image does is not in the repository; what its documentation says it does is read here.
import type { SeedguardConfig } from '../../config/types.js'
import type { ShellSource } from '../../model/context.js'
import type { ProductionReason } from '../../model/production.js'
import type { Span } from '../../model/span.js'
import { nameVerdict } from '../../production/evidence.js'
import type { Project } from '../../project/project.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'

export type PipeReading =
  /** a deploy pipe: evidence that the step deploys */
  | { kind: 'deploy'; reason: ProductionReason }
  /** commands the pipe runs on a server that its variables show (ssh-run's `COMMAND`): a deploy as well */
  | { kind: 'commands'; label: string; source: ShellSource; span: Span; reason: ProductionReason }
  /** a pipe that may run commands no file shows; on a server, which is a deploy as well */
  | { kind: 'unresolved'; why: string; reason?: ProductionReason }
  /** a pipe with one documented purpose that runs nothing of the repository (a notification, an upload) */
  | { kind: 'fixed' }

/** the pipe's name without its version: `atlassian/heroku-deploy:2.4.0` → `atlassian/heroku-deploy` */
export function pipeName(pipe: string): string {
  return pipe.replace(/^docker:\/\//, '').replace(/@sha256:.*$/, '').replace(/:[^/:]*$/, '')
}

// Atlassian's pipes that run the commands a variable gives: https://bitbucket.org/atlassian/ssh-run
// (`COMMAND` on a remote host), https://bitbucket.org/atlassian/azure-cli-run (`CLI_COMMAND`),
// https://bitbucket.org/atlassian/kubectl-run (`KUBECTL_COMMAND`, also `exec` into a pod)
const RUNS_COMMANDS: Record<string, string> = {
  'atlassian/ssh-run': 'runs `COMMAND` on a remote host',
  'atlassian/azure-cli-run': 'runs the Azure CLI commands of `CLI_COMMAND`',
  'atlassian/kubectl-run': 'runs the kubectl command of `KUBECTL_COMMAND` (`exec` runs commands in a pod)',
}

/** what one `- pipe:` entry of a script does */
export function readPipe(view: YamlView, entry: YamlNode, pipe: string, project: Project, config: SeedguardConfig): PipeReading {
  const name = pipeName(pipe)
  const variables = view.get(entry, 'variables')
  const span = view.span(view.get(entry, 'pipe'))
  if (name === 'atlassian/ssh-run') {
    // MODE: command (the default) runs COMMAND's text on the server; script runs the repository's
    // script COMMAND names there (https://bitbucket.org/atlassian/ssh-run)
    const mode = view.string(view.get(variables, 'MODE')) ?? 'command'
    const command = view.get(variables, 'COMMAND')
    const reason = deployReason(view, variables, name, span, config)
    const script = mode === 'script' ? view.string(command)?.replace(/^\.\//, '') : undefined
    const lines = script !== undefined ? project.cache.get(script) : undefined
    const source: ShellSource | undefined = lines ? { text: lines.text, offsets: (i) => i, file: lines.file, shell: 'bash' } : mode === 'command' ? view.shellSource(command, 'bash') : undefined
    if (source) return { kind: 'commands', label: `pipe \`${name}\` ${lines ? `script ${lines.file}` : '`COMMAND`'} (on the remote host)`, source, span: view.span(command), reason }
    return { kind: 'unresolved', why: `pipe \`${name}\` ${RUNS_COMMANDS[name]}${script !== undefined ? ` from \`${script}\`, a script the build writes (not in the repository)` : ''}`, reason }
  }
  const runs = RUNS_COMMANDS[name]
  if (runs) return { kind: 'unresolved', why: `pipe \`${name}\` ${runs}` }
  // Atlassian's deploy pipes are named for what they deploy to: heroku-deploy, aws-ecs-deploy, ftp-deploy…
  // (https://bitbucket.org/product/features/pipelines/integrations)
  if (/deploy/i.test(name.split('/').at(-1) ?? '')) return { kind: 'deploy', reason: deployReason(view, variables, name, span, config) }
  // a pipe of another publisher, or an image of one's own: its documentation is not known here
  if (!name.startsWith('atlassian/')) return { kind: 'unresolved', why: `pipe \`${name}\` runs an image from outside the repository` }
  return { kind: 'fixed' }
}

/** a deploy pipe's target, where a variable naming the app, environment or server says it (`HEROKU_APP_NAME: shop-staging`) */
function deployReason(view: YamlView, variables: YamlNode | undefined, name: string, span: Span, config: SeedguardConfig): ProductionReason {
  const targets = Object.entries(view.record(variables)).filter(([key, value]) => /APP|ENV|STAGE|SERVICE|CLUSTER|SERVER|HOST/.test(key) && !value.includes('$'))
  const away = targets.find(([, value]) => nameVerdict(value, config) === 'not-production')
  if (away) return { kind: 'deploy-action', towards: false, detail: `pipe \`${name}\` deploys to ${away[0]}=${away[1]}, not production`, span }
  const named = targets.find(([, value]) => nameVerdict(value, config) === 'production')
  const verb = name === 'atlassian/ssh-run' ? 'runs commands on a server' : 'deploys'
  return { kind: 'deploy-action', towards: true, detail: `pipe \`${name}\` ${verb}${named ? ` to ${named[0]}=${named[1]}` : ''}`, span }
}
