// https://www.freedesktop.org/software/systemd/man/latest/systemd.service.html#Command%20lines ; https://www.freedesktop.org/software/systemd/man/latest/systemd.syntax.html
import type { Span } from '../../model/span.js'
import type { ArgvElement } from '../../util/exec-form.js'
import type { LineIndex } from '../../util/line-index.js'

/** The commands systemd runs on every start of the service, in the order it runs them. */
export const EXEC_KEYS = ['ExecStartPre', 'ExecStart', 'ExecStartPost'] as const

export interface UnitCommand {
  key: (typeof EXEC_KEYS)[number]
  /** the argv systemd executes, prefixes taken off */
  words: ArgvElement[]
  span: Span
}

export interface ServiceUnit {
  commands: UnitCommand[]
  /** `Environment=` assignments */
  env: Record<string, string>
  /** `EnvironmentFile=`: variables set on the server, not in the repository */
  environmentFiles: string[]
}

/** A `[Service]` section's settings, continuation lines joined, each value's words at their places in the file. */
export function readServiceUnit(lines: LineIndex): ServiceUnit {
  const unit: ServiceUnit = { commands: [], env: {}, environmentFiles: [] }
  let section = ''
  const text = lines.text
  for (let start = 0; start < text.length; ) {
    // a line ending in `\` continues on the next one
    let end = text.indexOf('\n', start)
    while (end !== -1 && text[end - 1] === '\\') end = text.indexOf('\n', end + 1)
    if (end === -1) end = text.length
    const line = text.slice(start, end)
    const trimmed = line.trim()
    if (/^\[.+\]$/.test(trimmed)) section = trimmed
    else if (section === '[Service]' && trimmed && !/^[#;]/.test(trimmed)) {
      const eq = line.indexOf('=')
      const key = eq > 0 ? line.slice(0, eq).trim() : ''
      const words = eq > 0 ? splitWords(text, start + eq + 1, end) : []
      if ((EXEC_KEYS as readonly string[]).includes(key)) {
        for (const argv of commandsOf(words)) unit.commands.push({ key: key as UnitCommand['key'], words: argv, span: lines.span(argv[0]!.start, argv.at(-1)!.end) })
      } else if (key === 'Environment') {
        for (const w of words) {
          const at = w.value.indexOf('=')
          if (at > 0) unit.env[w.value.slice(0, at)] = w.value.slice(at + 1)
        }
      } else if (key === 'EnvironmentFile') unit.environmentFiles.push(...words.map((w) => w.value.replace(/^-/, '')))
      // an empty assignment resets the list: later lines start it again
      if ((EXEC_KEYS as readonly string[]).includes(key) && words.length === 0) unit.commands = unit.commands.filter((c) => c.key !== key)
    }
    start = end + 1
  }
  return unit
}

/**
 * The command lines of one value: split on a lone `;`, and the special executable prefixes taken
 * off the first word (`-` ignore failure, `@` pass the next word as argv[0], `:` no variable
 * expansion, `+`, `!`, `!!` privileges); with `@` the word after the program is argv[0], not an argument.
 */
function commandsOf(words: ArgvElement[]): ArgvElement[][] {
  const commands: ArgvElement[][] = []
  let current: ArgvElement[] = []
  for (const word of [...words, undefined]) {
    if (word && word.value !== ';') {
      current.push(word)
      continue
    }
    const [first, ...rest] = current
    const prefix = first ? (/^[-@:+!]*/.exec(first.value)?.[0] ?? '') : ''
    if (first && first.value.length > prefix.length) {
      const program = { value: first.value.slice(prefix.length), start: first.start + prefix.length, end: first.end }
      commands.push([program, ...(prefix.includes('@') ? rest.slice(1) : rest)])
    }
    current = []
  }
  return commands
}

/** systemd's word splitting: whitespace separates, quotes group, a backslash escapes the next character */
function splitWords(text: string, from: number, to: number): ArgvElement[] {
  const words: ArgvElement[] = []
  let value = ''
  let start = -1
  let end = -1
  let quote = ''
  for (let i = from; i < to; i++) {
    const c = text[i]!
    if (c === '\\' && text[i + 1] === '\n') {
      i++
      if (!quote && start >= 0) push()
      continue
    }
    if (!quote && /\s/.test(c)) {
      if (start >= 0) push()
      continue
    }
    if (start < 0) start = i
    end = i + 1
    if (quote && c === quote) quote = ''
    else if (!quote && (c === '"' || c === "'")) quote = c
    else if (c === '\\' && i + 1 < to) value += text[++i]
    else value += c
    end = i + 1
  }
  if (start >= 0) push()
  return words

  function push(): void {
    words.push({ value, start, end })
    value = ''
    start = -1
  }
}
