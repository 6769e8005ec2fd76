// https://docs.aws.amazon.com/cli/latest/reference/ecs/run-task.html
import { classifyName } from '../deploys/argv.js'
import type { DeployMatch } from '../deploys/types.js'
import type { Project } from '../project/project.js'
import { joinPath } from '../util/paths.js'
import type { ShellWord } from './parse.js'

/** A one-off ECS task: the commands its containers run instead of the image's CMD, and the cluster it runs in. */
export interface EcsTask {
  /** one command per container override that sets `command`, as words located where they are written */
  commands: ShellWord[][]
  /** the file the overrides are read from (`--overrides file://…`) */
  file?: string
  /** why the overrides cannot be read: what the task runs is then unknown, not harmless */
  unreadable?: string
  target: DeployMatch
}

// the options of `aws ecs run-task` that take a value (`--overrides` among them)
const VALUED = new Set(['--cluster', '--task-definition', '--count', '--group', '--launch-type', '--network-configuration', '--overrides', '--started-by', '--platform-version', '--capacity-provider-strategy',
  '--placement-constraints', '--placement-strategy', '--propagate-tags', '--reference-id', '--tags', '--client-token', '--volume-configurations', '--region', '--profile', '--output', '--query', '--endpoint-url'])

/**
 * `aws ecs run-task --overrides '{"containerOverrides":[{"name":"app","command":[…]}]}'` (or
 * `file://overrides.json`, read relative to the working directory): a task of the service's
 * definition, so with its image and environment, that runs the overriding command once.
 */
export function ecsRunTask(words: ShellWord[], cwd: string, project: Project): EcsTask | undefined {
  const at = words.findIndex((w, i) => w.value === 'ecs' && words[i + 1]?.value === 'run-task')
  if (at < 1 || !/(?:^|\/)aws$/.test(words[0]!.value)) return undefined
  const options = new Map<string, ShellWord>()
  for (let i = at + 2; i < words.length; i++) {
    const [flag = '', inline] = words[i]!.value.split(/=(.*)/s)
    if (!VALUED.has(flag)) continue
    const value = inline === undefined ? words[++i] : { ...words[i]!, value: inline }
    if (value) options.set(flag, value)
  }
  const overrides = options.get('--overrides')
  if (!overrides || overrides.dynamic) return undefined
  const cluster = options.get('--cluster')
  const target = targetOf(cluster?.dynamic ? undefined : cluster?.value)
  const path = overrides.value.startsWith('file://') ? joinPath(cwd, overrides.value.slice('file://'.length)) : undefined
  if (overrides.value.startsWith('file://')) {
    const lines = path === undefined ? undefined : project.cache.get(path)
    if (!path || !lines) return { commands: [], target, unreadable: `${path ?? overrides.value} is not in the repository` }
    // each command where its `"command"` key is written, the n-th override at the n-th key
    const keys = [...lines.text.matchAll(/"command"\s*:/g)]
    const read = overrideCommands(lines.text)
    if (read === undefined) return { commands: [], file: path, target, unreadable: `${path} is not JSON` }
    const commands = read.map((argv, i) => {
      const key = keys[i]
      const span = key ? lines.span(key.index, key.index + key[0].length) : lines.span(0, 0)
      return argv.map((value) => ({ value, span, dynamic: false }))
    })
    return { commands, file: path, target }
  }
  const read = overrideCommands(overrides.value)
  if (read === undefined) return { commands: [], target, unreadable: 'the inline overrides are not JSON' }
  return { commands: read.map((argv) => argv.map((value) => ({ value, span: overrides.span, dynamic: false }))), target }
}

/** the `command` arrays of the container overrides; undefined where the JSON cannot be read */
function overrideCommands(json: string): string[][] | undefined {
  try {
    const parsed = JSON.parse(json) as { containerOverrides?: { command?: unknown }[] }
    return (parsed.containerOverrides ?? []).map((o) => o.command).filter((c): c is string[] => Array.isArray(c) && c.length > 0 && c.every((w) => typeof w === 'string'))
  } catch {
    return undefined
  }
}

/** the cluster says where the task runs when it is named for an environment; otherwise the caller's context decides */
function targetOf(cluster: string | undefined): DeployMatch {
  const verdict = classifyName(cluster)
  return { target: verdict, detail: `\`aws ecs run-task\`${cluster ? ` in cluster \`${cluster}\`` : ''} runs it in the service's task` }
}
