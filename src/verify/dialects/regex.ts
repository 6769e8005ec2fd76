/** a POSIX/ICU-safe alternation of literal strings */
export function literalAlternation(needles: readonly string[]): string {
  return needles.map((s) => s.toLowerCase().replace(/[.*+?^${}()|[\]\\-]/g, (c) => `\\${c}`)).join('|')
}
