// https://pdm-project.org/en/latest/usage/scripts/ : `pdm run x` runs the script x of
// `[tool.pdm.scripts]` (with its `pre_x` and `post_x` hooks), else the command x in the project's
// environment. A script is a command line (`"…"` or `cmd`), a shell string (`shell`), a Python
// callable (`call`), or a list of other scripts and commands (`composite`).
import type { ShellWord } from '../parse.js'
import { arrayCommand, arrayItems, commandString, entryValue, findScriptTable, stringOf, type ScriptTable } from './python-scripts.js'
import { flagAndInline } from './args.js'
import { joinPath } from '../../util/paths.js'
import type { Invocation, PackageRunner } from './types.js'

// https://pdm-project.org/en/latest/reference/cli/#run : options of `pdm run` (and pdm's global ones) that take a value
const VALUED = new Set(['-p', '--project', '-v', '--venv', '-c', '--config', '--json'])
const LISTS = new Set(['-l', '--list', '-j', '--json', '-h', '--help'])
const MAX_DEPTH = 8

// https://pdm-project.org/en/latest/reference/cli/ : PDM's own commands; any other first word is a
// script run as `pdm <script>` (https://pdm-project.org/en/latest/usage/scripts/#user-scripts)
const BUILT_IN = new Set(['add', 'build', 'cache', 'completion', 'config', 'export', 'fix', 'import', 'info', 'init', 'install', 'list', 'lock', 'outdated', 'publish', 'python', 'py', 'remove', 'run', 'search', 'self', 'show', 'sync', 'update', 'use', 'venv'])

const pdm: PackageRunner = {
  id: 'pdm',
  commands: ['pdm'],
  resolve(words, ctx) {
    const first = words[1]
    if (first && !first.dynamic && !first.value.startsWith('-') && !BUILT_IN.has(first.value)) {
      const scripts = findScriptTable(ctx.project, ctx.cwd, 'pyproject.toml', 'tool.pdm.scripts')
      return scripts?.names.has(first.value) ? [...runScript(scripts, first.value, ctx.cwd, 0)] : undefined
    }
    if (first?.value !== 'run') return undefined
    let dir = ctx.cwd
    let i = 2
    for (; i < words.length && words[i]!.value.startsWith('-'); i++) {
      const [flag, inline] = flagAndInline(words[i]!.value)
      if (LISTS.has(flag!)) return []
      if (VALUED.has(flag!)) {
        const value = inline ?? words[++i]?.value
        if ((flag === '-p' || flag === '--project') && value !== undefined) dir = joinPath(ctx.cwd, value) ?? dir
      }
    }
    const rest = words.slice(i)
    const name = rest[0]
    if (!name) return []
    const scripts = findScriptTable(ctx.project, dir, 'pyproject.toml', 'tool.pdm.scripts')
    if (!scripts || name.dynamic || !scripts.names.has(name.value)) return [{ kind: 'exec', words: rest }]
    return [...runScript(scripts, name.value, dir, 0)]
  },
}

export default pdm

function* runScript(scripts: ScriptTable, name: string, cwd: string, depth: number): Generator<Invocation> {
  if (depth > MAX_DEPTH) return
  for (const hook of [`pre_${name}`, name, `post_${name}`]) {
    if (!scripts.names.has(hook)) continue
    const label = `${scripts.file} script \`${hook}\``
    const plain = entryValue(scripts, hook)
    const command = stringOf(plain) !== undefined ? plain : entryValue(scripts, hook, 'cmd')
    const shell = entryValue(scripts, hook, 'shell')
    const found = commandString(scripts, command, label, cwd) ?? arrayCommand(scripts, command, label, cwd) ?? commandString(scripts, shell, label, cwd)
    if (found) {
      yield found
      continue
    }
    for (const item of arrayItems(entryValue(scripts, hook, 'composite'))) {
      // an item is another script (with its arguments) or a command line
      const text = stringOf(item)
      const first = text?.trim().split(/\s+/)[0]
      if (first !== undefined && scripts.names.has(first)) yield* runScript(scripts, first, cwd, depth + 1)
      else if (text !== undefined) yield commandString(scripts, item, label, cwd)!
    }
    // `call = "pkg.module:main"` runs Python code in-process: judged by its name only
    const call = stringOf(entryValue(scripts, hook, 'call'))
    if (call !== undefined) yield { kind: 'leaf', words: [{ value: hook, span: scripts.view.span(entryValue(scripts, hook, 'call')!), dynamic: false } satisfies ShellWord] }
  }
}
