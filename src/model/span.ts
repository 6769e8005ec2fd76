/** 1-based line and column; offset is the 0-based UTF-16 offset into the file. */
export interface Position {
  line: number
  column: number
  offset: number
}

/** A half-open range of one file. `file` is repository-relative with '/' separators. */
export interface Span {
  file: string
  start: Position
  end: Position
}

export function formatSpan(span: Span): string {
  return `${span.file}:${span.start.line}:${span.start.column}`
}

/** The first character of a file: where a note about the file as a whole points. */
export function fileStartSpan(file: string): Span {
  return { file, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } }
}
