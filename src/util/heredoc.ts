// Here-document lines as their reader gets them: the shell's `<<-` and the Dockerfile's alike strip
// each line's leading tabs (https://pubs.opengroup.org/onlinepubs/9699919799/utilities/V3_chap02.html#tag_18_07_04,
// https://docs.docker.com/reference/dockerfile/#here-documents).

/** the text, and for each of its characters the index in `raw` it comes from */
export function heredocLines(raw: string, stripTabs: boolean): { text: string; index: (i: number) => number } {
  if (!stripTabs) return { text: raw, index: (i) => i }
  let text = ''
  const kept: number[] = []
  let lineStart = true
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!
    if (lineStart && c === '\t') continue
    lineStart = c === '\n'
    text += c
    kept.push(i)
  }
  return { text, index: (i) => kept[i] ?? raw.length }
}
