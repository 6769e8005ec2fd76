import type { ShellSource } from '../model/context.js'
import type { LineIndex } from './line-index.js'
import { alignValue } from './offset-map.js'

export interface ArgvElement {
  /** the decoded string */
  value: string
  /** offsets of its text inside the file (inside the quotes) */
  start: number
  end: number
}

/**
 * An exec-form command (`CMD ["npm", "run", "seed"]`, a TOML or YAML list) as shell text: each
 * element single-quoted so it stays one word, with every character mapped back to the element's
 * place in the file. No shell runs an exec form, so nothing in it is expanded; quoting keeps it so.
 */
export function shellSourceOfArgv(elements: ArgvElement[], lines: LineIndex): ShellSource {
  let text = ''
  const offsets: number[] = []
  for (const element of elements) {
    if (text.length > 0) {
      text += ' '
      offsets.push(element.start)
    }
    const offsetOf = alignValue(element.value, lines.text, element.start, element.end)
    text += "'"
    offsets.push(element.start)
    for (let i = 0; i < element.value.length; i++) {
      const c = element.value[i]!
      // a quote inside becomes '\'' : four characters, all at the quote's place
      const piece = c === "'" ? "'\\''" : c
      text += piece
      for (let k = 0; k < piece.length; k++) offsets.push(offsetOf(i))
    }
    text += "'"
    offsets.push(element.end)
  }
  offsets.push(elements.at(-1)?.end ?? 0)
  return { text, offsets: (i) => offsets[i] ?? offsets.at(-1)!, file: lines.file, shell: 'sh' }
}
