// Scripts a Dockerfile writes itself (`RUN printf '…' > /entrypoint.sh`, `RUN cat > /start.sh <<EOF`,
// `COPY <<EOF /start.sh`): their text rendered as the build writes it, each character located in the
// Dockerfile, so a start that runs one is followed like a copied script. What cannot be rendered
// exactly is kept as unknown, and a start that runs it is reported, never passed as safe.
import type { Instruction } from 'dockerfile-ast'
import type { ShellSource } from '../../model/context.js'
import type { Project } from '../../project/project.js'
import { parseShellOnce, type ShellWord, type SimpleCommand } from '../../shell/parse.js'
import { heredocLines } from '../../util/heredoc.js'
import type { LineIndex } from '../../util/line-index.js'
import { alignValue } from '../../util/offset-map.js'
import { containerPath, resolveFile, substitute } from './container-paths.js'
import type { ImageCommand, Mount, Stage, WrittenFile, WrittenText as Content } from './types.js'

/** the file a container path holds when the Dockerfile wrote it, the latest write winning */
export function writtenAt(written: WrittenFile[], path: string): WrittenFile | undefined {
  for (let i = written.length - 1; i >= 0; i--) if (written[i]!.dest === path) return written[i]
  return undefined
}

/** the written file's text as shell text the walker parses, located in the Dockerfile; undefined when it is not known */
export function writtenSource(file: WrittenFile): ShellSource | undefined {
  if (!('content' in file)) return undefined
  const { text, offsets } = file.content
  return { text, offsets: (i) => offsets[i] ?? file.span.end.offset, file: file.span.file, shell: 'sh' }
}

/** written files that files mounted or copied later over the same path hide */
export function unshadowed(project: Project, written: WrittenFile[], later: Mount[]): WrittenFile[] {
  return written.filter((w) => resolveFile(project, later, w.dest) === undefined)
}

/** RUN: what its commands write through `>` and `>>` into the image */
export function recordRunWrites(run: ImageCommand, lines: LineIndex, stage: Stage): void {
  if (run.exec) return
  for (const command of parseShellOnce(run.source, lines, '.').commands) {
    for (const { target, append } of command.writes) {
      const path = target.dynamic ? substitute(target.value, run.env ?? {}) : target.value
      if (path === undefined || path.startsWith('/dev/') || /^&?\d*$/.test(path)) continue
      const dest = containerPath(run.workdir ?? stage.workdir, path)
      const output = outputOf(command, lines)
      const before = append ? writtenAt(stage.written, dest) : undefined
      const base = { dest, span: command.span }
      if (typeof output === 'string') stage.written.push({ ...base, unknown: `${dest} is written by a RUN whose output seedguard cannot render (${output})` })
      else if (!append) stage.written.push({ ...base, content: output })
      else if (before && 'content' in before) stage.written.push({ ...base, content: { text: before.content.text + output.text, offsets: [...before.content.offsets, ...output.offsets] } })
      else stage.written.push({ ...base, unknown: before?.unknown ?? `${dest} is appended to by a RUN, but what it held before is not in the Dockerfile` })
    }
  }
}

/**
 * `COPY <<EOF /start.sh`: each here-document becomes a file; with an unquoted delimiter the build
 * expands `$VAR` (and backslashes) in it first (https://docs.docker.com/reference/dockerfile/#here-documents),
 * which is left unknown rather than guessed.
 */
export function recordCopyHeredocs(ins: Instruction, lines: LineIndex, stage: Stage): boolean {
  const heredocs = (ins as unknown as { getHeredocs?(): DockerHeredoc[] }).getHeredocs?.() ?? []
  if (heredocs.length === 0) return false
  const words = ins.getArguments().map((a) => a.getValue())
  const dest = substitute(words[heredocs.length] ?? '', stage.buildEnv)
  if (dest === undefined) return true
  const at = (pos: Position) => lines.lineStart(pos.line + 1) + pos.character
  for (const heredoc of heredocs) {
    const path = dest.endsWith('/') || heredocs.length > 1 ? containerPath(containerPath(stage.workdir, dest), heredoc.name) : containerPath(stage.workdir, dest)
    const span = lines.span(at(heredoc.startRange.start), at(heredoc.endRange?.end ?? heredoc.startRange.end))
    const opener = lines.text.slice(span.start.offset, at(heredoc.startRange.end))
    const start = heredoc.contentRange ? at(heredoc.contentRange.start) : span.end.offset
    const raw = heredoc.contentRange ? `${lines.text.slice(start, at(heredoc.contentRange.end))}\n` : ''
    const body = heredocLines(raw, opener.startsWith('<<-'))
    if (!/^<<-?\s*["']/.test(opener) && /[$\\]/.test(body.text)) {
      stage.written.push({ dest: path, span, unknown: `${path} is a COPY here-document the build expands \`$\` and \`\\\` in` })
    } else stage.written.push({ dest: path, span, content: { text: body.text, offsets: [...body.text].map((_, i) => start + body.index(i)) } })
  }
  return true
}

interface Position {
  line: number
  character: number
}

interface DockerHeredoc {
  name: string
  startRange: { start: Position; end: Position }
  contentRange?: { start: Position; end: Position }
  endRange?: { start: Position; end: Position }
}

/** what a command prints, as text located in the Dockerfile; a string says why it cannot be rendered */
function outputOf(command: SimpleCommand, lines: LineIndex): Content | string {
  const [name, ...args] = command.words
  if (args.some((w) => w.dynamic)) return 'its text is only known while the image is built'
  switch (name?.value) {
    case 'cat': {
      const heredoc = command.heredoc
      if (args.length > 0 || !heredoc) return '`cat` of another file'
      // an unquoted delimiter lets the shell expand `$…`, `` `…` `` and `\` while the image is built
      if (!heredoc.literal && /[$`\\]/.test(heredoc.text)) return 'a here-document the shell expands'
      return { text: heredoc.text, offsets: indexes(heredoc.text).map((i) => heredoc.offsets(i)) }
    }
    case 'printf':
      // a format with arguments (or `%s` directives) is filled in at build time
      return args.length === 1 ? unescape(wordContent(args[0]!, lines), true) : 'printf with arguments'
    case 'echo': {
      const flags = new Set<string>()
      while (/^-[neE]+$/.test(args[0]?.value ?? '')) for (const f of args.shift()!.value.slice(1)) flags.add(f)
      const joined = join(args.map((w) => wordContent(w, lines)), command.span.end.offset)
      // dash's echo reads `\n` as a newline, bash's and busybox's do not: the text depends on the image's shell.
      // With -e all three render it, though dash also prints the `-e` itself before the first line
      if (!flags.has('e') && joined.text.includes('\\')) return '`echo` of a backslash, which the image\'s shell decides'
      const line = flags.has('e') ? unescape(joined, false) : joined
      if (typeof line === 'string' || flags.has('n')) return line
      return { text: `${line.text}\n`, offsets: [...line.offsets, line.offsets.at(-1) ?? command.span.end.offset] }
    }
    default:
      return `written by \`${name?.value ?? 'a redirection'}\``
  }
}

function indexes(text: string): number[] {
  return Array.from({ length: text.length }, (_, i) => i)
}

/** a word's value, each character at its place inside the quotes it was written in */
function wordContent(word: ShellWord, lines: LineIndex): Content {
  const at = alignValue(word.value, lines.text, word.span.start.offset, word.span.end.offset)
  return { text: word.value, offsets: indexes(word.value).map(at) }
}

/** echo's arguments, separated by one space each (located where the next word starts) */
function join(words: Content[], end: number): Content {
  const out: Content = { text: '', offsets: [] }
  words.forEach((w, i) => {
    if (i > 0) {
      out.text += ' '
      out.offsets.push(w.offsets[0] ?? end)
    }
    out.text += w.text
    out.offsets.push(...w.offsets)
  })
  return out
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\' }

/**
 * printf's format (`percent`) and `echo -e`: the escapes both render alike; an escaped character
 * sits at its backslash, so every command after it keeps its exact column. Any other escape or
 * directive is not rendered.
 */
function unescape(content: Content, percent: boolean): Content | string {
  const out: Content = { text: '', offsets: [] }
  const { text, offsets } = content
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    const next = text[i + 1] ?? ''
    const from = offsets[i]!
    let rendered = c
    if (c === '\\') {
      if (ESCAPES[next] === undefined) return `the escape \`\\${next}\``
      rendered = ESCAPES[next]
      i++
    } else if (percent && c === '%') {
      if (next !== '%') return `the directive \`%${next}\``
      i++
    }
    out.text += rendered
    out.offsets.push(from)
  }
  return out
}
