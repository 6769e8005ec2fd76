/**
 * Maps offsets of a decoded string value (a YAML scalar, a JSON string) back to offsets of the
 * source text it was decoded from. Decoding only drops characters (quotes, escapes, indentation)
 * or turns line breaks into spaces (folded scalars), so the value is aligned greedily as a
 * subsequence of the source; this keeps every command word at its exact place in the file.
 */
export function alignValue(value: string, source: string, sourceStart: number, sourceEnd: number): number[] {
  const map = new Array<number>(value.length + 1)
  let j = sourceStart
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!
    let k = j
    while (k < sourceEnd && !sameChar(c, source[k]!)) k++
    if (k < sourceEnd) {
      map[i] = k
      j = k + 1
    } else {
      map[i] = Math.min(j, sourceEnd)
    }
  }
  map[value.length] = value.length === 0 ? sourceStart : map[value.length - 1]! + 1
  return map
}

function sameChar(valueChar: string, sourceChar: string): boolean {
  if (valueChar === sourceChar) return true
  // folded scalars turn a line break into a space
  return valueChar === ' ' && sourceChar === '\n'
}
