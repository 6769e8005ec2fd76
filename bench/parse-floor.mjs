// The parse-only floor of a check: `node bench/parse-floor.mjs <dir>` does only what any checker
// must do with a tree, with the parsers seedguard bundles (same packages, same options): list the
// files as `check` does, read the configs and scripts, parse every YAML, JSON, TOML, Procfile and
// Dockerfile with positions, and parse every shell text they hold. No analysis, no findings.
// Prints one JSON line of counts; bench/run.mjs times it as a whole process beside `check`.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DockerfileParser } from 'dockerfile-ast'
import { parseTree } from 'jsonc-parser'
import { parseTOML } from 'toml-eslint-parser'
import { parse as parseShellText } from 'unbash'
import { isScalar, parseDocument, visit } from 'yaml'

// the walk and read limits of src/project/files.ts (DiskFiles), so both list and read the same files
const IGNORED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', '.next', '.nuxt', '.turbo', '.yarn', 'coverage', '.venv', '__pycache__'])
const MAX_FILES = 200_000
const MAX_FILE_BYTES = 2 * 1024 * 1024
// the options of src/util/yaml.ts and src/util/json.ts
const YAML_OPTIONS = { uniqueKeys: false, strict: false, prettyErrors: false }
const JSON_OPTIONS = { allowTrailingComma: true, disallowComments: false }
// src/shell/parse.ts hands unbash the text with `${{ }}` expressions masked, same length
const EXPRESSION = /\$\{\{[\s\S]*?\}\}/g
// keys whose string values are commands: workflow and action steps, compose services, Render,
// Railway, Fly.io (release_command and [processes] entries)
const COMMAND_KEYS = new Set(['run', 'command', 'entrypoint', 'buildCommand', 'preDeployCommand', 'startCommand', 'release_command'])
const PROCFILE_LINE = /^\s*([\w-]+):\s*(.*)$/
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

export function listFiles(root) {
  const out = []
  const pending = ['']
  while (pending.length > 0 && out.length < MAX_FILES) {
    const dir = pending.pop()
    let entries
    try {
      entries = readdirSync(dir === '' ? root : join(root, dir), { withFileTypes: true })
    } catch {
      continue
    }
    for (const entry of entries) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`
      if (entry.isDirectory()) {
        if (!IGNORED_DIRECTORIES.has(entry.name)) pending.push(path)
      } else if (entry.isFile() || entry.isSymbolicLink()) out.push(path)
    }
  }
  return out.sort()
}

/** the file as text, as DiskFiles reads it; undefined when too large, binary or not UTF-8 */
function readText(full) {
  try {
    if (statSync(full).size > MAX_FILE_BYTES) return undefined
    const bytes = readFileSync(full)
    if (bytes.includes(0)) return undefined
    const text = utf8.decode(bytes)
    return text.startsWith('\uFEFF') ? text.slice(1) : text
  } catch {
    return undefined
  }
}

/** which parser a file needs; undefined for files no deploy path is read from (sources, seed code) */
function kindOf(path) {
  const name = basename(path)
  if (/\.ya?ml$/.test(name)) return 'yaml'
  if (name.endsWith('.json')) return 'json'
  if (name.endsWith('.toml')) return 'toml'
  if (name.endsWith('.sh')) return 'shell'
  if (name === 'Procfile') return 'procfile'
  if (name === 'Dockerfile' || name.endsWith('.Dockerfile') || name.startsWith('Dockerfile.')) return 'dockerfile'
  return undefined
}

function yamlCommands(text) {
  const doc = parseDocument(text, YAML_OPTIONS)
  const commands = []
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && COMMAND_KEYS.has(String(pair.key.value)) && isScalar(pair.value) && typeof pair.value.value === 'string') commands.push(pair.value.value)
    },
  })
  return { errors: doc.errors.length, commands }
}

function jsonCommands(text, path) {
  const errors = []
  const root = parseTree(text, errors, JSON_OPTIONS)
  const commands = []
  const properties = (node) => (node?.type === 'object' ? node.children.map((p) => p.children ?? []).filter(([key, value]) => key && value) : [])
  // values of command keys, a string or a list of them, at any depth (Railway, Vercel, app.json)
  const collect = (node, isCommand) => {
    if (node?.type === 'string' && isCommand) commands.push(node.value)
    else if (node?.type === 'array') for (const item of node.children) collect(item, isCommand)
    else for (const [key, value] of properties(node)) collect(value, COMMAND_KEYS.has(key.value))
  }
  if (basename(path) === 'package.json') {
    const scripts = properties(root).find(([key]) => key.value === 'scripts')?.[1]
    for (const [, value] of properties(scripts)) if (value.type === 'string') commands.push(value.value)
  } else collect(root, false)
  return { errors: errors.length, commands }
}

function tomlCommands(text) {
  let ast
  try {
    ast = parseTOML(text)
  } catch {
    return { errors: 1, commands: [] }
  }
  const commands = []
  for (const node of ast.body[0]?.body ?? []) {
    const inProcesses = node.type === 'TOMLTable' && node.resolvedKey.join('.') === 'processes'
    for (const kv of node.type === 'TOMLKeyValue' ? [node] : node.body) {
      const key = kv.key.keys.at(-1)
      const name = key.type === 'TOMLBare' ? key.name : key.value
      if ((inProcesses || COMMAND_KEYS.has(name)) && kv.value.type === 'TOMLValue' && typeof kv.value.value === 'string') commands.push(kv.value.value)
    }
  }
  return { errors: 0, commands }
}

function procfileCommands(text) {
  const commands = []
  for (const line of text.split('\n')) {
    const command = PROCFILE_LINE.exec(line)?.[2]
    if (command) commands.push(command)
  }
  return { errors: 0, commands }
}

function dockerfileCommands(text) {
  const commands = []
  let errors = 0
  for (const ins of DockerfileParser.parse(text).getInstructions()) {
    if (!['RUN', 'CMD', 'ENTRYPOINT'].includes(ins.getKeyword())) continue
    const raw = ins.getRawArgumentsContent() ?? ''
    // the exec form is a JSON array, read with jsonc-parser as src/sources/docker/commands.ts does
    if (raw.trimStart().startsWith('[')) {
      const jsonErrors = []
      parseTree(raw, jsonErrors)
      errors += jsonErrors.length
    } else commands.push(raw)
  }
  return { errors, commands }
}

const readers = { yaml: yamlCommands, json: jsonCommands, toml: tomlCommands, procfile: procfileCommands, dockerfile: dockerfileCommands, shell: (text) => ({ errors: 0, commands: [text] }) }

export function parseFloor(root) {
  const counts = { files: 0, read: 0, bytes: 0, yaml: 0, json: 0, toml: 0, procfile: 0, dockerfile: 0, shell: 0, shellTexts: 0, parseErrors: 0 }
  const files = listFiles(root)
  counts.files = files.length
  for (const path of files) {
    const kind = kindOf(path)
    if (!kind) continue
    const text = readText(join(root, path))
    if (text === undefined) continue
    counts.read++
    counts.bytes += text.length
    counts[kind]++
    const { errors, commands } = readers[kind](text, path)
    counts.parseErrors += errors
    for (const command of commands) {
      const ast = parseShellText(command.replace(EXPRESSION, (m) => 'GHEXPR'.padEnd(m.length, '_').slice(0, m.length)))
      counts.shellTexts++
      counts.parseErrors += ast.errors?.length ?? 0
    }
  }
  return counts
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!process.argv[2]) {
    console.error('usage: node bench/parse-floor.mjs <dir>')
    process.exit(2)
  }
  console.log(JSON.stringify(parseFloor(resolve(process.argv[2]))))
}
