import type { ShellSource } from '../../model/context.js'

/** shell texts of one file run one after the other, as one text whose offsets stay in the file */
export function joinedSources(sources: ShellSource[]): ShellSource {
  if (sources.length === 1) return sources[0]!
  const starts: number[] = []
  let text = ''
  for (const source of sources) {
    if (starts.length > 0) text += '\n'
    starts.push(text.length)
    text += source.text
  }
  const offsets = (i: number): number => {
    let k = starts.length - 1
    while (k > 0 && starts[k]! > i) k--
    const source = sources[k]!
    return source.offsets(Math.min(Math.max(i - starts[k]!, 0), source.text.length))
  }
  return { text, offsets, file: sources[0]!.file, shell: sources[0]!.shell }
}
