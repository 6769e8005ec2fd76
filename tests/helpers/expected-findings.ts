import type { Finding } from '../../src/model/finding.js'
import type { Confidence } from '../../src/model/production.js'
import { formatSpan } from '../../src/model/span.js'

/** One finding an expected.txt asks for: its location line and what must hold of its chain and verdict. */
export interface ExpectedFinding {
  /** `file:line:col: severity [rule]`, or a `/regular expression/` over that line */
  header: string
  /** substrings of chain hop labels, in chain order */
  via: string[]
  /** substrings of the production verdict's reason details, in any order */
  because: string[]
  confidence?: Confidence
}

const CONFIDENCES: readonly string[] = ['high', 'medium', 'low'] satisfies Confidence[]

/** Reads an expected.txt; an assertion line it cannot place is an error, never skipped. */
export function parseExpected(text: string): ExpectedFinding[] {
  const expected: ExpectedFinding[] = []
  text.split('\n').forEach((raw, index) => {
    if (!raw.trim()) return
    const where = `expected.txt:${index + 1}`
    if (!/^\s/.test(raw)) {
      expected.push({ header: raw, via: [], because: [] })
      return
    }
    const current = expected.at(-1)
    if (!current) throw new Error(`${where}: an indented assertion before any finding line`)
    const match = /^\s+(via|because|confidence) (.+)$/.exec(raw)
    if (!match) throw new Error(`${where}: expected \`via <text>\`, \`because <text>\` or \`confidence <level>\`, got ${JSON.stringify(raw)}`)
    const keyword = match[1]
    const value = match[2]!
    if (keyword === 'via') current.via.push(value)
    else if (keyword === 'because') current.because.push(value)
    else if (CONFIDENCES.includes(value)) current.confidence = value as Confidence
    else throw new Error(`${where}: confidence is one of ${CONFIDENCES.join(', ')}, got ${JSON.stringify(value)}`)
  })
  return expected
}

export function findingHeader(finding: Finding): string {
  return `${formatSpan(finding.primary)}: ${finding.severity} [${finding.rule}]`
}

function headerMatches(header: string, actual: string): boolean {
  return header.startsWith('/') && header.endsWith('/') ? new RegExp(header.slice(1, -1)).test(actual) : header === actual
}

/**
 * What differs between an expectation and a finding, one line per difference; empty when it holds.
 * With differences the finding's chain and reasons follow, so the developer sees what to expect instead.
 */
export function findingMismatches(expected: ExpectedFinding, finding: Finding): string[] {
  const actualHeader = findingHeader(finding)
  const mismatches: string[] = []
  if (!headerMatches(expected.header, actualHeader)) mismatches.push(`expected ${expected.header}, got ${actualHeader}`)
  let nextHop = 0
  for (const text of expected.via) {
    const found = finding.chain.findIndex((hop, i) => i >= nextHop && hop.label.includes(text))
    if (found < 0) mismatches.push(`no hop ${nextHop > 0 ? `after hop ${nextHop} ` : ''}contains \`via ${text}\``)
    else nextHop = found + 1
  }
  const reasons = finding.production?.reasons ?? []
  for (const text of expected.because) {
    if (!reasons.some((reason) => reason.detail.includes(text))) mismatches.push(`no reason contains \`because ${text}\``)
  }
  if (expected.confidence && expected.confidence !== finding.confidence) {
    mismatches.push(`expected confidence ${expected.confidence}, got ${finding.confidence}`)
  }
  if (mismatches.length === 0) return []
  return [
    `${actualHeader}:`,
    ...mismatches.map((m) => `  ${m}`),
    'actual chain:',
    ...finding.chain.map((hop, i) => `  ${i + 1}. ${hop.label}`),
    `actual reasons (${finding.production?.verdict ?? 'no verdict'}, confidence ${finding.confidence}):`,
    ...reasons.map((reason) => `  ${reason.towards ? '+' : '-'} ${reason.detail}`),
  ]
}
