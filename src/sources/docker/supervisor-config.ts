// supervisord.conf as supervisord reads it, every value located in its file. http://supervisord.org/configuration.html
//
// It is Python's RawConfigParser (supervisor/options.py `UnhosedConfigParser`), not a generic INI:
// `;` and `#` start a comment at the line's start, or inline only after whitespace (`a=b;c` keeps
// `;c`, `bash -c 'a ; b'` is cut to `bash -c 'a`); `=` or `:` ends the key; an indented line
// continues the value above; keys are case-insensitive; a repeated section or key merges, the later
// winning. Values expand `%(ENV_X)s`, `%(here)s`, `%(program_name)s` and `%%` as Python's `%` does.
// No INI package keeps where a value stands, which every finding needs, and the `ini` package
// strips `;` and `#` anywhere in a value and splits section names at dots, so this reads it itself.

/** text with the file offset of each character; offsets[text.length] is the offset just past it */
export interface Located {
  text: string
  offsets: number[]
}

export interface ConfSection {
  name: string
  options: Map<string, Located>
}

const INLINE_COMMENT = /(^|\s)[;#]/
const OPTION = /^(.*?)\s*[=:]\s*(.*)$/

export function parseSupervisorConfig(text: string): ConfSection[] {
  const sections = new Map<string, Map<string, Located[]>>()
  let section: Map<string, Located[]> | undefined
  let option: { lines: Located[]; indent: number } | undefined
  let offset = 0
  for (const line of text.split('\n')) {
    const lineStart = offset
    offset += line.length + 1
    const comment = /^\s*[;#]/.test(line) ? 0 : (INLINE_COMMENT.exec(line)?.index ?? line.length)
    const raw = line.slice(0, comment).replace(/\r$/, '')
    const indent = raw.length - raw.trimStart().length
    const value = raw.trim()
    if (!value) continue
    const at = lineStart + indent
    if (option && indent > option.indent) {
      option.lines.push(locate(value, at))
      continue
    }
    option = undefined
    const header = /^\[(.+)\]$/.exec(value)
    if (header) {
      section = sections.get(header[1]!) ?? new Map()
      sections.set(header[1]!, section)
      continue
    }
    const match = OPTION.exec(value)
    if (!section || !match) continue
    option = { lines: [locate(match[2]!, at + value.length - match[2]!.length)], indent }
    section.set(match[1]!.toLowerCase(), option.lines)
  }
  return [...sections].map(([name, options]) => ({ name, options: new Map([...options].map(([key, lines]) => [key, joinLines(lines)])) }))
}

/** a value's lines joined by line breaks, each break standing just past its line's text */
function joinLines(lines: Located[]): Located {
  return { text: lines.map((l) => l.text).join('\n'), offsets: lines.flatMap((l) => l.offsets) }
}

function locate(text: string, start: number): Located {
  return { text, offsets: Array.from({ length: text.length + 1 }, (_, i) => start + i) }
}

/**
 * Python `%` formatting with supervisord's expansions; a name it does not know stays as written
 * (supervisord refuses such a file: its value is unknown to seedguard either way).
 */
export function expand(value: Located, names: Record<string, string>): Located {
  let text = ''
  const offsets: number[] = []
  const pattern = /%%|%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdr]/g
  let last = 0
  for (const m of value.text.matchAll(pattern)) {
    text += value.text.slice(last, m.index)
    offsets.push(...value.offsets.slice(last, m.index))
    const replacement = m[0] === '%%' ? '%' : names[m[1]!] ?? m[0]
    text += replacement
    for (let i = 0; i < replacement.length; i++) offsets.push(value.offsets[m.index]!)
    last = m.index + m[0].length
  }
  text += value.text.slice(last)
  offsets.push(...value.offsets.slice(last))
  return { text, offsets }
}

/** `environment=A="1",B=two`: supervisord's comma-separated KEY=value pairs, quotes optional */
export function environmentPairs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of text.matchAll(/([\w.]+)\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^,]*)\s*(?:,|$)/g)) {
    const raw = m[2]!.trim()
    out[m[1]!] = /^(["']).*\1$/s.test(raw) ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw
  }
  return out
}

/** supervisord's boolean values (`true`/`false`, `yes`/`no`, `on`/`off`, `1`/`0`) */
export function isFalse(text: string | undefined): boolean {
  return text !== undefined && /^(false|no|off|0)$/i.test(text.trim())
}
