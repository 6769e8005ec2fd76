// An instruction's arguments as a command (exec form, shell text, heredoc): used by both the stage walk and COPY.
import type { Instruction } from 'dockerfile-ast'
import { parseTree } from 'jsonc-parser'
import type { ShellKind } from '../../model/context.js'
import { shellSourceOfArgv } from '../../util/exec-form.js'
import type { LineIndex } from '../../util/line-index.js'
import type { ImageCommand } from './types.js'

/** CMD/ENTRYPOINT/RUN: the exec form `["a", "b"]` when it is a JSON array of strings, else shell text */
export function commandOf(ins: Instruction, lines: LineIndex, shell: ShellKind, label: string): ImageCommand | undefined {
  const range = ins.getArgumentsRange()
  if (!range) return undefined
  const start = lines.lineStart(range.start.line + 1) + range.start.character
  const end = lines.lineStart(range.end.line + 1) + range.end.character
  const raw = lines.text.slice(start, end)
  const span = lines.span(lines.lineStart(ins.getRange().start.line + 1) + ins.getRange().start.character, end)
  const base = { label, span, at: span.start.offset }
  if (raw.trimStart().startsWith('[')) {
    const errors: unknown[] = []
    const tree = parseTree(raw.replace(/\\\r?\n/g, (m) => ' '.repeat(m.length)), errors as never[])
    const children = tree?.type === 'array' ? (tree.children ?? []) : []
    if (errors.length === 0 && children.every((c) => c.type === 'string')) {
      const argv = children.map((c) => ({ value: String(c.value), start: start + c.offset + 1, end: start + c.offset + c.length - 1 }))
      return { ...base, exec: true, words: argv.map((a) => a.value), argv, source: shellSourceOfArgv(argv, lines) }
    }
  }
  // RUN <<EOF … EOF: the heredoc body is the script
  const heredoc = /^<<-?\s*["']?(\w+)["']?[^\n]*\n([\s\S]*?)\n\s*\1\s*$/.exec(raw)
  const bodyStart = heredoc ? start + raw.indexOf('\n') + 1 : start
  const body = heredoc ? heredoc[2]! : raw
  // Docker drops comment lines inside a continued instruction; blanking them keeps every offset
  const text = heredoc ? body : body.replace(/(\\\r?\n)([ \t]*#[^\n]*\n)+/g, (m, cont: string) => cont + m.slice(cont.length).replace(/[^\n]|\n/g, ' '))
  return { ...base, exec: false, words: plainWords(text), source: { text, offsets: (i) => bodyStart + i, file: lines.file, shell } }
}

/** the words of a command line without shell syntax (`honcho start -f Procfile`); none when it has any, which only a shell can split */
export function plainWords(text: string): string[] {
  return /[;&|<>()`$\\"'\n]/.test(text.trim()) ? [] : text.trim().split(/\s+/)
}
