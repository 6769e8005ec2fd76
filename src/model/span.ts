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
