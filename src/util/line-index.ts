import type { Position, Span } from '../model/span.js'

/** Turns offsets into line/column positions for one file's text. */
export class LineIndex {
  private readonly lineStarts: number[] = [0]

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    // every file read gets one: indexOf finds line breaks faster than a loop over each character
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1)
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length))
    let lo = 0
    let hi = this.lineStarts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.lineStarts[mid]! <= clamped) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: clamped - this.lineStarts[lo]! + 1, offset: clamped }
  }

  span(start: number, end: number): Span {
    return { file: this.file, start: this.position(start), end: this.position(Math.max(start, end)) }
  }

  /** offset of a 1-based line's first character */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))]!
  }

  lineText(line: number): string {
    const start = this.lineStarts[line - 1]
    if (start === undefined) return ''
    const next = this.lineStarts[line]
    return this.text.slice(start, next === undefined ? undefined : next - 1).replace(/\r$/, '')
  }
}
