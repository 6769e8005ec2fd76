// Process managers that run a Procfile's processes together, in a container or on a server:
// `foreman start` runs one of each process type unless told which (https://ddollar.github.io/foreman/),
// as do `honcho start` (https://honcho.readthedocs.io/en/latest/using_procfiles.html), `forego start`
// (https://github.com/ddollar/forego) and `overmind start` (https://github.com/DarthSim/overmind#usage).
// Each process runs in the Procfile's directory unless a root is given.
import { dirnameOf, joinPath } from '../../util/paths.js'
import type { ShellWord } from '../parse.js'
import { parseProcfile } from '../procfile.js'
import { flagAndInline } from './args.js'
import type { Invocation, PackageRunner, RunnerContext } from './types.js'

interface Manager {
  /** the subcommands that start the processes */
  start: string[]
  procfile: string[]
  root: string[]
  /** options that take a value, besides the Procfile and the root */
  valued: string[]
  /** an option naming the processes to run, comma-separated (overmind `-l`); otherwise they are positional */
  only?: string[]
  /** foreman's `-m web=1,worker=2`: a process it does not list runs 0 times, unless `all=N` says otherwise */
  formation?: string[]
}

const MANAGERS: Record<string, Manager> = {
  foreman: { start: ['start'], procfile: ['-f', '--procfile'], root: ['-d', '--root'], valued: ['-e', '--env', '-p', '--port', '-t', '--timeout'], formation: ['-m', '--formation'] },
  forego: { start: ['start'], procfile: ['-f'], root: [], valued: ['-e', '-p', '-c', '-t', '-r'] },
  honcho: { start: ['start'], procfile: ['-f', '--procfile'], root: ['-d', '--app-root'], valued: ['-e', '--env', '-c', '--concurrency', '-p', '--port'] },
  overmind: { start: ['start', 's'], procfile: ['-f', '--procfile'], root: ['-d', '--root'], valued: ['-e', '--env', '-p', '--port', '-P', '--port-step', '-s', '--socket', '-c', '--can-die', '-r', '--auto-restart', '-x', '--ignored-processes', '-t', '--timeout', '-m', '--formation', '-N', '--title'], only: ['-l', '--processes'] },
}

/** what a manager's command line starts: its Procfile (relative to where it runs), the root the processes run in, which process types */
export interface ProcfileStart {
  procfile: string
  root: string | undefined
  runs: (type: string) => boolean
}

/**
 * `foreman start -f Procfile.docker web`, read: undefined when the command is no manager's start
 * (`foreman run`, `check`, `export` start no process), a reason when a value is only known at run time.
 */
export function procfileStartOf(words: Pick<ShellWord, 'value' | 'dynamic'>[]): ProcfileStart | { unresolved: string } | undefined {
  const manager = MANAGERS[words[0]?.value ?? '']
  if (!manager || !manager.start.includes(words[1]?.value ?? '')) return undefined
  let procfile: string | undefined
  let root: string | undefined
  const wanted: string[] = []
  let formation: ((type: string) => boolean) | undefined
  for (let i = 2; i < words.length; i++) {
    const word = words[i]!
    const [flag, inline] = flagAndInline(word.value)
    const takes = [manager.procfile, manager.root, manager.valued, manager.only ?? [], manager.formation ?? []].some((options) => options.includes(flag!))
    if (takes) {
      const value = inline ?? words[++i]
      const text = typeof value === 'string' ? value : value?.value
      if (text === undefined) break
      if (typeof value !== 'string' && value?.dynamic) return { unresolved: `\`${words[0]!.value} ${flag} ${text}\` is only known at run time` }
      if (manager.procfile.includes(flag!)) procfile = text
      else if (manager.root.includes(flag!)) root = text
      else if (manager.only?.includes(flag!)) wanted.push(...text.split(',').filter(Boolean))
      else if (manager.formation?.includes(flag!)) formation = formationOf(text)
      continue
    }
    if (word.value.startsWith('-')) continue
    if (word.dynamic) return { unresolved: `the process \`${word.value}\` ${words[0]!.value} starts is only known at run time` }
    wanted.push(word.value)
  }
  return { procfile: procfile ?? 'Procfile', root, runs: (type) => (wanted.length === 0 || wanted.includes(type)) && (formation?.(type) ?? true) }
}

function resolve(words: ShellWord[], ctx: RunnerContext): Invocation[] | undefined {
  const start = procfileStartOf(words)
  if (!start) return undefined
  if ('unresolved' in start) return [{ kind: 'unresolved', reason: start.unresolved }]
  const path = joinPath(ctx.cwd, start.procfile)
  const lines = path === undefined ? undefined : ctx.project.cache.get(path)
  if (!lines || path === undefined) return [{ kind: 'unresolved', reason: `\`${words.map((w) => w.value).join(' ')}\` runs ${start.procfile} that is not in the repository` }]
  const cwd = start.root !== undefined ? joinPath(ctx.cwd, start.root) : dirnameOf(path)
  return parseProcfile(lines).entries
    .filter((entry) => start.runs(entry.type))
    .map((entry) => ({ kind: 'command-string' as const, word: { value: entry.command.text, span: entry.commandSpan, dynamic: false }, ...(cwd !== undefined && { cwd }), label: `${path} process \`${entry.type}\`` }))
}

/** whether `-m web=1,all=0` runs a process type at least once */
function formationOf(text: string): (type: string) => boolean {
  const counts = new Map(text.split(',').map((pair) => pair.split('=') as [string, string | undefined]).map(([type, count]) => [type.trim(), Number(count ?? 1)]))
  return (type) => (counts.get(type) ?? counts.get('all') ?? 0) > 0
}

const procfileManagers: PackageRunner = { id: 'procfile-managers', commands: Object.keys(MANAGERS), resolve }
export default procfileManagers
