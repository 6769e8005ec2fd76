// Named commands of a Python project, kept in a TOML table: PDM's `[tool.pdm.scripts]`, Pipenv's
// Pipfile `[scripts]`, Poe the Poet's `[tool.poe.tasks]`. Each tool reads an entry as a command line,
// a shell string, a Python callable, or a list of other entries; this module finds the file and
// turns an entry into what the walker follows. The tools' own rules live in their runner files.
import type { AST } from 'toml-eslint-parser'
import type { Project } from '../../project/project.js'
import { joinPath, selfAndAncestors } from '../../util/paths.js'
import { TomlView, type TomlValue } from '../../util/toml.js'
import type { ShellWord } from '../parse.js'
import type { Invocation } from './types.js'

export interface ScriptTable {
  file: string
  view: TomlView
  /** the dotted key of the table: `tool.pdm.scripts` */
  table: string
  names: Set<string>
}

/** the nearest `name` file in `dir` or a parent whose TOML has `table`; undefined where none does */
export function findScriptTable(project: Project, dir: string, name: string, table: string): ScriptTable | undefined {
  for (const current of selfAndAncestors(dir)) {
    const file = joinPath(current, name)
    const lines = file === undefined ? undefined : project.cache.get(file)
    if (!lines || file === undefined) continue
    const parsed = TomlView.parse(lines)
    if (!('view' in parsed)) continue
    const names = new Set(parsed.view.childrenOf(table))
    if (names.size > 0) return { file, view: parsed.view, table, names }
  }
  return undefined
}

/** the value of `key` of an entry, whether the entry is a `[table.name]` table or an inline `{ … }` */
export function entryValue(scripts: ScriptTable, name: string, key?: string): TomlValue | undefined {
  return scripts.view.entries.get([scripts.table, name, ...(key === undefined ? [] : [key])].join('.'))?.value
}

/** a string value as the shell command it holds, located inside its quotes */
export function commandString(scripts: ScriptTable, node: TomlValue | undefined, label: string, cwd: string): Invocation | undefined {
  const source = node && scripts.view.shellSource(node)
  if (!source || !node) return undefined
  const word: ShellWord = { value: source.text, span: scripts.view.span(node), dynamic: false }
  return { kind: 'command-string', word, cwd, label }
}

/** `["a", "b"]`: the strings of an array; inline tables come back as their nodes */
export function arrayItems(node: TomlValue | undefined): TomlValue[] {
  return node?.type === 'TOMLArray' ? node.elements : []
}

/** a key of an inline table `{ ref = "x" }` inside an array */
export function inlineValue(node: TomlValue, key: string): TomlValue | undefined {
  if (node.type !== 'TOMLInlineTable') return undefined
  return node.body.find((kv: AST.TOMLKeyValue) => kv.key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value)).join('.') === key)?.value
}

/** a string node's value */
export function stringOf(node: TomlValue | undefined): string | undefined {
  return node?.type === 'TOMLValue' && node.kind === 'string' ? node.value : undefined
}

/** a command given as an array (`cmd = ["python", "manage.py", "loaddata", "x"]`): its words joined as one command line */
export function arrayCommand(scripts: ScriptTable, node: TomlValue | undefined, label: string, cwd: string): Invocation | undefined {
  const words = arrayItems(node).map(stringOf)
  if (!node || words.length === 0 || words.some((w) => w === undefined)) return undefined
  const quoted = (words as string[]).map((w) => (/^[\w./:=@%+-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`))
  return { kind: 'command-string', word: { value: quoted.join(' '), span: scripts.view.span(node), dynamic: false }, cwd, label }
}
