// https://poethepoet.natn.io/tasks/index.html : `poe x` (also `poetry poe x`) runs task x of
// `[tool.poe.tasks]`: a command line (a string or `cmd`), a shell script (`shell`), a Python callable
// (`script`), another task (`ref`), or a `sequence` of tasks, whose string items are task names.
import { arrayItems, commandString, entryValue, findScriptTable, inlineValue, stringOf, type ScriptTable } from './python-scripts.js'
import type { Invocation, PackageRunner } from './types.js'
import type { TomlValue } from '../../util/toml.js'
import { joinPath } from '../../util/paths.js'
import { flagAndInline } from './args.js'

const MAX_DEPTH = 8
// https://poethepoet.natn.io/global_options.html : options of poe that take a value
const VALUED = new Set(['-C', '--directory', '-e', '--executor', '--root'])

const poe: PackageRunner = {
  id: 'poe',
  commands: ['poe', 'poetry'],
  resolve(words, ctx) {
    // `poetry poe x` is the Poetry plugin's way to the same tasks; other poetry commands are not runners
    const at = words[0]?.value === 'poetry' ? (words[1]?.value === 'poe' ? 2 : -1) : 1
    if (at < 0) return undefined
    let i = at
    let dir = ctx.cwd
    for (; i < words.length && words[i]!.value.startsWith('-'); i++) {
      const [flag, inline] = flagAndInline(words[i]!.value)
      if (!VALUED.has(flag!)) continue
      const value = inline ?? words[++i]?.value
      // `-C dir` / `--root dir`: the project whose pyproject.toml holds the tasks
      if (flag !== '-e' && flag !== '--executor' && value !== undefined) dir = joinPath(ctx.cwd, value) ?? dir
    }
    const name = words[i]
    if (!name) return []
    const tasks = findScriptTable(ctx.project, dir, 'pyproject.toml', 'tool.poe.tasks')
    if (!tasks) return undefined
    if (name.dynamic) return [{ kind: 'unresolved', reason: `poe task \`${name.value}\` is only known at run time` }]
    if (!tasks.names.has(name.value)) return [{ kind: 'unresolved', reason: `${tasks.file} has no poe task \`${name.value}\`` }]
    return [...runTask(tasks, name.value, dir, 0)]
  },
}

export default poe

function* runTask(tasks: ScriptTable, name: string, cwd: string, depth: number): Generator<Invocation> {
  if (depth > MAX_DEPTH || !tasks.names.has(name)) return
  const label = `${tasks.file} task \`${name}\``
  // `deps = ["seed"]`: tasks run first, composing tasks as a DAG (https://poethepoet.natn.io/index.html)
  for (const dep of arrayItems(entryValue(tasks, name, 'deps'))) {
    const target = stringOf(dep)?.trim().split(/\s+/)[0]
    if (target !== undefined) yield* runTask(tasks, target, cwd, depth + 1)
  }
  const plain = entryValue(tasks, name)
  yield* item(tasks, stringOf(plain) !== undefined ? plain! : undefined, name, label, cwd, depth)
  for (const key of ['cmd', 'shell']) {
    const found = commandString(tasks, entryValue(tasks, name, key), label, cwd)
    if (found) yield found
  }
  const ref = stringOf(entryValue(tasks, name, 'ref'))?.trim().split(/\s+/)[0]
  if (ref !== undefined) yield* runTask(tasks, ref, cwd, depth + 1)
  for (const step of arrayItems(entryValue(tasks, name, 'sequence'))) {
    // a string item names another task; an inline table is a task of its own
    const named = stringOf(step)
    if (named !== undefined) yield* runTask(tasks, named.trim().split(/\s+/)[0]!, cwd, depth + 1)
    else yield* item(tasks, inlineValue(step, 'cmd') ?? inlineValue(step, 'shell'), name, label, cwd, depth, inlineValue(step, 'ref'))
  }
}

/** a task given as a command line, or an inline `{ ref = "…" }` */
function* item(tasks: ScriptTable, command: TomlValue | undefined, name: string, label: string, cwd: string, depth: number, ref?: TomlValue): Generator<Invocation> {
  const found = commandString(tasks, command, label, cwd)
  if (found) yield found
  const target = stringOf(ref)?.trim().split(/\s+/)[0]
  if (target !== undefined && target !== name) yield* runTask(tasks, target, cwd, depth + 1)
}
