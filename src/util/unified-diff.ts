/**
 * `diff -u` of two versions of a file, with `context` lines around each change (GNU diffutils'
 * unified format: https://www.gnu.org/software/diffutils/manual/html_node/Unified-Format.html).
 * A longest common subsequence of lines: meant for the small files `init` edits.
 */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  const a = before.split('\n')
  const b = after.split('\n')
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..]
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
  type Line = { kind: ' ' | '-' | '+'; text: string; i: number; j: number }
  const lines: Line[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) lines.push({ kind: ' ', text: a[i]!, i: i++, j: j++ })
    // deletions before insertions, as diff prints a changed line
    else if (i < a.length && (j >= b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) lines.push({ kind: '-', text: a[i]!, i: i++, j })
    else lines.push({ kind: '+', text: b[j]!, i, j: j++ })
  }
  const changed = lines.flatMap((line, k) => (line.kind === ' ' ? [] : [k]))
  if (changed.length === 0) return ''
  const out = [`--- a/${file}`, `+++ b/${file}`]
  for (let h = 0; h < changed.length; ) {
    const start = Math.max(0, changed[h]! - context)
    let end = changed[h]!
    while (h < changed.length && changed[h]! <= end + 2 * context) end = changed[h++]!
    const hunk = lines.slice(start, Math.min(lines.length, end + context + 1))
    const from = hunk.filter((l) => l.kind !== '+').length
    const to = hunk.filter((l) => l.kind !== '-').length
    // an empty side is numbered from the line before it, as diff does
    const first = hunk[0]!
    out.push(`@@ -${first.i + (from ? 1 : 0)},${from} +${first.j + (to ? 1 : 0)},${to} @@`, ...hunk.map((l) => l.kind + l.text))
  }
  return out.join('\n') + '\n'
}
