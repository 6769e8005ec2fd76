import type { Guard } from '../model/guard.js'
import type { ShellSource } from '../model/context.js'
import type { Span } from '../model/span.js'
import type { LineIndex } from '../util/line-index.js'
import { joinPath } from '../util/paths.js'
import type { HereDocument, ShellParseResult, ShellWord, SimpleCommand } from './parse.js'

/**
 * A span of a text on its own, before the text is placed in a file: only the offsets into the text
 * mean anything. The walk of a text is the same in every file that holds it (`npm ci`, a package
 * script copied across a monorepo), so it is done once with these and placed in each file.
 */
export function textSpan(start: number, end: number): Span {
  return { file: '', start: { line: 0, column: 0, offset: start }, end: { line: 0, column: 0, offset: end } }
}

/**
 * The working directory of a text's walk: the `cd` targets since the text began, each after a NUL.
 * Where they lead is only known once the text is placed in a directory.
 */
export const START_CWD = ''

export function changedCwd(cwd: string, target: string): string {
  return `${cwd}\0${target}`
}

/** `cd` from `start` through each target in turn; a target that leaves the repository or is absolute changes nothing */
function resolveCwd(start: string, cwd: string): string {
  let dir = start
  for (const target of cwd.split('\0').slice(1)) dir = joinPath(dir, target) ?? dir
  return dir
}

/**
 * The walk of a text, placed where `source` holds it in `lines`' file and run from `cwd`: every
 * span in the file, a here-document's offsets through the source's, every `cd` from `cwd`. Objects the walk shares between commands (a
 * list's guards, the words of one command line run once per value) stay shared, placed once.
 */
export function placeWalk(walk: ShellParseResult, source: ShellSource, lines: LineIndex, cwd: string): ShellParseResult {
  return new Placement(source, lines, cwd).result(walk)
}

class Placement {
  private readonly placed = new Map<object, object>()
  private readonly directories = new Map<string, string>()

  constructor(
    private readonly source: ShellSource,
    private readonly lines: LineIndex,
    private readonly cwd: string,
  ) {}

  result(walk: ShellParseResult): ShellParseResult {
    return { commands: walk.commands.map((c) => this.command(c)), errors: walk.errors.map((e) => ({ message: e.message, span: this.span(e.span) })) }
  }

  private once<T extends object>(template: T, place: () => T): T {
    let placed = this.placed.get(template) as T | undefined
    if (!placed) this.placed.set(template, (placed = place()))
    return placed
  }

  private span(span: Span): Span {
    return this.once(span, () => {
      const { offsets } = this.source
      const start = span.start.offset
      const end = span.end.offset
      return this.lines.span(offsets(start), offsets(end - 1) + (end > start ? 1 : 0))
    })
  }

  private directory(cwd: string): string {
    let dir = this.directories.get(cwd)
    if (dir === undefined) this.directories.set(cwd, (dir = resolveCwd(this.cwd, cwd)))
    return dir
  }

  private word(word: ShellWord): ShellWord {
    return this.once(word, () => ({ ...word, span: this.span(word.span) }))
  }

  private words(words: ShellWord[]): ShellWord[] {
    return this.once(words, () => words.map((w) => this.word(w)))
  }

  private guards(guards: Guard[]): Guard[] {
    return this.once(guards, () => guards.map((g) => this.guard(g)))
  }

  private guard(guard: Guard): Guard {
    return this.once(guard, () => ({ ...guard, span: this.span(guard.span), ...(guard.alternatives && { alternatives: this.guards(guard.alternatives) }) }))
  }

  private hereDocument(heredoc: HereDocument): HereDocument {
    const { offsets } = this.source
    return this.once(heredoc, () => ({ ...heredoc, offsets: (i) => offsets(heredoc.offsets(i)) }))
  }

  private command(command: SimpleCommand): SimpleCommand {
    return {
      ...command,
      words: this.words(command.words),
      // copies: a consumer that adds to a command's environment must not change the text's walk
      assignments: this.once(command.assignments, () => ({ ...command.assignments })),
      exported: this.once(command.exported, () => ({ ...command.exported })),
      writes: this.once(command.writes, () => command.writes.map((w) => ({ ...w, target: this.word(w.target) }))),
      ...(command.heredoc && { heredoc: this.hereDocument(command.heredoc) }),
      ...(command.input && { input: this.word(command.input) }),
      span: this.span(command.span),
      cwd: this.directory(command.cwd),
      guards: this.guards(command.guards),
    }
  }
}
