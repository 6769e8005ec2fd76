/** a POSIX/ICU-safe alternation of literal strings */
export function literalAlternation(needles: readonly string[], suffixes: readonly string[]): string {
  const esc = (s: string) => s.toLowerCase().replace(/[.*+?^${}()|[\]\\-]/g, (c) => `\\${c}`)
  return [...needles.map(esc), ...(suffixes.length ? [`(${suffixes.map(esc).join('|')})$`] : [])].join('|')
}
