// `<< parameters.x >>` and `<< pipeline.x >>` in a CircleCI config: replaced by text when the config
// is compiled, before anything runs (https://circleci.com/docs/reference/reusing-config/,
// https://circleci.com/docs/reference/variables/). The text keeps, character by
// character, the place in the file it comes from: the value where the caller writes it.
import type { ShellSource } from '../../model/context.js'

/** what a reference stands for: a located text, a text without a place of its own, or unknown (left as written) */
export type Replacement = ShellSource | string | undefined

const REFERENCE = /<<\s*([A-Za-z_][\w.-]*)\s*>>/g

/**
 * The text with every reference replaced; a replacement without a place of its own is located at
 * the reference. A reference `resolve` leaves unknown stays as written.
 */
export function substitute(source: ShellSource, resolve: (reference: string) => Replacement): ShellSource {
  if (!source.text.includes('<<')) return source
  const pieces: { text: string; at: (i: number) => number }[] = []
  let last = 0
  const original = (from: number, to: number) => ({ text: source.text.slice(from, to), at: (i: number) => source.offsets(from + i) })
  for (const match of source.text.matchAll(REFERENCE)) {
    const start = match.index
    const replacement = resolve(match[1]!)
    if (replacement === undefined) continue
    pieces.push(original(last, start))
    if (typeof replacement === 'string') pieces.push({ text: replacement, at: () => source.offsets(start) })
    else pieces.push({ text: replacement.text, at: (i) => replacement.offsets(Math.min(i, replacement.text.length)) })
    last = start + match[0].length
  }
  if (pieces.length === 0) return source
  pieces.push(original(last, source.text.length))
  const starts: number[] = []
  let text = ''
  for (const piece of pieces) {
    starts.push(text.length)
    text += piece.text
  }
  const offsets = (i: number): number => {
    let k = pieces.length - 1
    while (k > 0 && (starts[k]! > i || (starts[k] === i && pieces[k]!.text.length === 0))) k--
    return pieces[k]!.at(i - starts[k]!)
  }
  return { text, offsets, file: source.file, shell: source.shell }
}
