// https://devcenter.heroku.com/articles/procfile : the format Heroku, Dokku, Scalingo and the
// process managers that run it locally or in a container (foreman, honcho, overmind) share.
import type { ShellSource } from '../model/context.js'
import type { Span } from '../model/span.js'
import type { LineIndex } from '../util/line-index.js'

export interface ProcfileEntry {
  /** the process type: `web`, `worker`, `release` */
  type: string
  /** the `type:` part of the line */
  typeSpan: Span
  /** the whole line, without its line break */
  lineSpan: Span
  commandSpan: Span
  command: ShellSource
}

// Heroku's (and foreman's) grammar: `^([A-Za-z0-9_-]+):\s*(.+)$`, one process per line
const LINE = /^([ \t]*)([A-Za-z0-9_-]+):[ \t]*(.*?)[ \t]*$/

/**
 * Reads a Procfile line by line: `type: command`, `#` comments, blank lines, CRLF or LF line
 * breaks, a leading byte-order mark. A line that is none of these is a located problem: no
 * platform or process manager runs it (sources/procfile.ts says what each does instead).
 */
export function parseProcfile(lines: LineIndex): { entries: ProcfileEntry[]; problems: { message: string; span: Span }[] } {
  const entries: ProcfileEntry[] = []
  const problems: { message: string; span: Span }[] = []
  const count = lines.text.split('\n').length
  for (let line = 1; line <= count; line++) {
    const start = lines.lineStart(line)
    let text = lines.lineText(line)
    let skipped = 0
    if (line === 1 && text.startsWith('\uFEFF')) {
      text = text.slice(1)
      skipped = 1
    }
    const trimmed = text.trim()
    if (trimmed === '' || trimmed.startsWith('#')) continue
    const lineSpan = lines.span(start + skipped, start + skipped + text.length)
    const match = LINE.exec(text)
    if (!match) {
      problems.push({ message: `Procfile line is not \`<process type>: <command>\`: ${trimmed.slice(0, 60)}`, span: lineSpan })
      continue
    }
    const [, indent = '', type = '', command = ''] = match
    const typeStart = start + skipped + indent.length
    if (command === '') {
      problems.push({ message: `Procfile process type \`${type}\` has no command`, span: lineSpan })
      continue
    }
    const commandStart = start + skipped + text.indexOf(command, indent.length + type.length + 1)
    entries.push({
      type,
      typeSpan: lines.span(typeStart, typeStart + type.length + 1),
      lineSpan,
      commandSpan: lines.span(commandStart, commandStart + command.length),
      // Heroku runs each command with bash
      command: { text: command, offsets: (i) => commandStart + Math.min(i, command.length), file: lines.file, shell: 'bash' },
    })
  }
  return { entries, problems }
}
