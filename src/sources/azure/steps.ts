// What one step runs: https://learn.microsoft.com/en-us/azure/devops/pipelines/yaml-schema/steps
// and the script tasks https://learn.microsoft.com/en-us/azure/devops/pipelines/tasks/reference/
import type { ShellKind, ShellSource } from '../../model/context.js'
import { joinPath } from '../../util/paths.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'

/** the step keys that hold a script, and the shell Azure runs it with */
const SCRIPT_KEYS: [string, ShellKind][] = [
  // `script:` runs with bash on Linux and macOS agents and cmd.exe on Windows; a command line reads alike in both
  ['script', 'bash'],
  ['bash', 'bash'],
  ['pwsh', 'pwsh'],
  ['powershell', 'pwsh'],
]

// directories the agent names with predefined variables: the repository is checked out at the root
// of the working directory (https://learn.microsoft.com/en-us/azure/devops/pipelines/build/variables)
const CHECKOUT_DIRECTORIES = new Set(['build.sourcesdirectory', 'system.defaultworkingdirectory', 'build.repository.localpath'])

export interface StepRun {
  /** what a step key or task input runs, located in the file */
  source?: ShellSource
  /** the step's `workingDirectory:` (or the task's input) from the repository root */
  cwd: string
  /** what kind of step it is, for its label: `script`, `task: Bash@3` */
  kind: string
}

/**
 * A step's shell text. Script tasks are read from their documented inputs: Bash@3 and PowerShell@2
 * (`targetType: inline` → `script`, else `filePath` + `arguments`), CmdLine@2 (`script`),
 * AzureCLI@2 (`inlineScript` or `scriptPath` + `arguments`), Npm@1 (`command`, `customCommand`).
 * `$(variable)` macros with a known value are replaced before the shell reads the text, as the
 * agent does.
 */
export function stepRun(view: YamlView, step: YamlNode, macro: (name: string) => string | undefined, template: (text: string) => string | undefined): StepRun {
  const replace = (source: ShellSource | undefined) => (source ? expanded(source, (whole, name) => (name !== undefined ? macro(name) : template(whole))) : undefined)
  const cwdOf = (node: YamlNode | undefined) => {
    const raw = view.string(node)
    if (raw === undefined) return '.'
    const expanded = raw.replace(/\$\(([\w.]+)\)/g, (whole, name: string) => macro(name) ?? whole)
    return joinPath('.', expanded.replace(/^\.\//, '')) ?? '.'
  }
  for (const [key, shell] of SCRIPT_KEYS) {
    const node = view.get(step, key)
    if (node !== undefined) {
      const source = replace(view.shellSource(node, shell))
      return { ...(source ? { source } : {}), cwd: cwdOf(view.get(step, 'workingDirectory')), kind: key }
    }
  }
  const task = view.string(view.get(step, 'task'))
  if (task === undefined) return { cwd: '.', kind: view.entries(step)[0]?.key ?? 'step' }
  const inputs = view.get(step, 'inputs')
  const input = (name: string) => view.entries(inputs).find((e) => e.key.toLowerCase() === name.toLowerCase())?.value
  const text = (name: string) => view.string(input(name))
  const name = task.replace(/@.*$/, '').toLowerCase()
  const kind = `task: ${task}`
  const run = (source: ShellSource | undefined, cwdInput: string) => ({ ...(source ? { source: replace(source)! } : {}), cwd: cwdOf(input(cwdInput)), kind })
  const file = (shell: string, path: string, args: string): ShellSource | undefined => prefixed(view, input(path), `${shell} `, text(args))
  switch (name) {
    case 'bash':
      return run((text('targetType') ?? 'filePath').toLowerCase() === 'inline' ? view.shellSource(input('script'), 'bash') : file('bash', 'filePath', 'arguments'), 'workingDirectory')
    case 'cmdline':
      return run(view.shellSource(input('script'), 'bash'), 'workingDirectory')
    case 'powershell':
      return run((text('targetType') ?? 'filePath').toLowerCase() === 'inline' ? view.shellSource(input('script'), 'pwsh') : undefined, 'workingDirectory')
    case 'azurecli': {
      const bash = /^(bash|sh)$/i.test(text('scriptType') ?? '')
      const inline = (text('scriptLocation') ?? (input('inlineScript') ? 'inlineScript' : 'scriptPath')).toLowerCase() === 'inlinescript'
      if (!bash) return run(undefined, 'workingDirectory')
      return run(inline ? view.shellSource(input('inlineScript'), 'bash') : file('bash', 'scriptPath', 'arguments'), 'workingDirectory')
    }
    case 'npm': {
      const command = (text('command') ?? 'install').toLowerCase()
      return run(command === 'custom' ? prefixed(view, input('customCommand'), 'npm ', undefined) : command === 'ci' || command === 'install' ? prefixed(view, input('command') ?? view.get(step, 'task'), '', undefined, `npm ${command}`) : undefined, 'workingDir')
    }
    default:
      return { cwd: '.', kind }
  }
}

/**
 * A command line made from a task input (`bash scripts/seed.sh args`): the words it adds are placed
 * at the input's first character, the input's own text where it is written.
 */
function prefixed(view: YamlView, node: YamlNode | undefined, prefix: string, args: string | undefined, whole?: string): ShellSource | undefined {
  const base = view.shellSource(node, 'bash')
  if (!base) return undefined
  const own = whole ?? base.text
  const text = `${prefix}${own}${args ? ` ${args}` : ''}`
  const start = whole === undefined ? prefix.length : text.length
  const end = start + (whole === undefined ? base.text.length : 0)
  return { ...base, text, offsets: (i) => (i < start ? base.offsets(0) : i < end ? base.offsets(i - start) : base.offsets(base.text.length)) }
}

/**
 * `${{ … }}` (compile time) and `$(name)` macros (before the step runs) replaced where their value
 * is known; the replaced text is placed where the expression is written
 */
function expanded(source: ShellSource, value: (whole: string, macro: string | undefined) => string | undefined): ShellSource {
  if (!source.text.includes('$(') && !source.text.includes('${{')) return source
  const positions: number[] = []
  let text = ''
  let last = 0
  for (const m of source.text.matchAll(/\$\{\{.*?\}\}|\$\(([\w.]+)\)/gs)) {
    const known = value(m[0], m[1])
    if (known === undefined) continue
    for (let i = last; i < m.index; i++) positions.push(i)
    text += source.text.slice(last, m.index)
    for (let i = 0; i < known.length; i++) positions.push(m.index)
    text += known
    last = m.index + m[0].length
  }
  if (last === 0) return source
  for (let i = last; i < source.text.length; i++) positions.push(i)
  text += source.text.slice(last)
  positions.push(source.text.length)
  return { ...source, text, offsets: (i) => source.offsets(positions[Math.min(Math.max(i, 0), positions.length - 1)]!) }
}

/** the value of a predefined directory variable where the repository is checked out */
export function checkoutDirectory(name: string): string | undefined {
  return CHECKOUT_DIRECTORIES.has(name.toLowerCase()) ? '.' : undefined
}
