/**
 * Maps offsets of a decoded string value (a YAML scalar, a JSON string) back to offsets of the
 * source text it was decoded from. Decoding only drops characters (quotes, escapes, indentation)
 * or turns line breaks into spaces (folded scalars), so the value is aligned greedily as a
 * subsequence of the source; this keeps every command word at its exact place in the file.
 * Offsets outside the value map to `sourceStart`.
 */
export function alignValue(value: string, source: string, sourceStart: number, sourceEnd: number): (i: number) => number {
  // Kept for the whole run with every shell source, so not one number per character: runs of
  // characters that follow each other in the source too, as (value index, source offset) pairs.
  // A plain scalar is one run; a block scalar, one per line.
  const runs: number[] = []
  let j = sourceStart
  let previous = Number.NaN
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    let k = j
    while (k < sourceEnd && !sameChar(c, source.charCodeAt(k))) k++
    let at: number
    if (k < sourceEnd) {
      at = k
      j = k + 1
    } else {
      at = Math.min(j, sourceEnd)
    }
    if (at !== previous + 1) runs.push(i, at)
    previous = at
  }
  // the offset just past the value continues the last run
  const length = value.length
  if (runs.length === 0) return () => sourceStart
  if (runs.length === 2) {
    const start = runs[1]!
    return (i) => (i >= 0 && i <= length ? start + i : sourceStart)
  }
  const packed = Int32Array.from(runs)
  return (i) => (i >= 0 && i <= length ? offsetIn(packed, i) : sourceStart)
}

function offsetIn(runs: Int32Array, i: number): number {
  let lo = 0
  let hi = runs.length / 2 - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (runs[2 * mid]! <= i) lo = mid
    else hi = mid - 1
  }
  return runs[2 * lo + 1]! + (i - runs[2 * lo]!)
}

const NEWLINE = 10
const SPACE = 32

function sameChar(valueChar: number, sourceChar: number): boolean {
  // folded scalars turn a line break into a space
  return valueChar === sourceChar || (valueChar === SPACE && sourceChar === NEWLINE)
}
