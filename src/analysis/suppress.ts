import picomatch from 'picomatch'
import type { SeedguardConfig } from '../config/types.js'
import { RULE_IDS, type Finding } from '../model/finding.js'
import type { Span } from '../model/span.js'
import type { FileCache } from '../project/files.js'
import { closest } from '../util/closest.js'
import type { LineIndex } from '../util/line-index.js'

// a comment in any file seedguard reads (YAML, shell, Dockerfile, TOML, Procfile, Makefile: `#`;
// JavaScript: `//`) whose text begins with the marker; `seedguard-ignored` is another word
const LEADER = /(?<=^|\s)(#|\/\/)\s*seedguard-ignore(?!\w)/
const WELL_FORMED = /^\s*\[([^\]]*)\]\s*(?::\s*(.*?))?\s*$/
const RULE_ID = /^[a-z-]+$/

/** A `seedguard-ignore` comment as written, understood or not. */
interface Marker {
  /** from `seedguard-ignore` to the end of the comment */
  span: Span
  leader: string
  /** the rule ids it names that seedguard knows */
  rules: string[]
  reason: string | undefined
  /** why some or all of it suppresses nothing, as the user wrote it */
  problems: string[]
  used: boolean
}

/**
 * Inline `# seedguard-ignore[rule]: reason` on the finding's line or the line above (for a
 * `run: |` block, also on the `run:` line), and `allow` entries from the config. A suppression
 * without a reason still suppresses, but is itself reported, so no silence goes unexplained; so
 * is a marker that cannot suppress anything as written (a mistyped rule id, no rule at all), and
 * one that suppresses nothing where it stands: left in place, it would silently hide the next
 * seed someone writes on the line below it. A marker that suppresses a finding is never called
 * unused, so accepted findings make no noise.
 */
export function applySuppressions(findings: Finding[], cache: FileCache, config: SeedguardConfig): { findings: Finding[]; suppressed: number } {
  const out: Finding[] = []
  let suppressed = 0
  const allows = config.allow.map((a) => ({ ...a, matches: picomatch(a.file, { dot: true }) }))
  const markers = new Markers()
  for (const finding of findings) {
    // looked up first: a marker on a finding that `allow` also covers is still in use
    const inline = markers.suppressing(finding, cache)
    const allow = allows.find((a) => (suppressibleAs(finding).includes(a.rule) || a.rule === '*') && a.matches(finding.primary.file))
    if (allow) {
      out.push({ ...finding, suppressed: { reason: allow.reason, span: finding.primary } })
      suppressed++
    } else if (inline) {
      out.push({ ...finding, suppressed: { reason: inline.reason ?? '', span: inline.span } })
      suppressed++
    } else {
      out.push(finding)
    }
  }
  for (const marker of markers.inFilesOf(findings, cache)) out.push(...markerFindings(marker))
  return { findings: out, suppressed }
}

/**
 * The rule ids that suppress a finding: its own; a possible one also by its certain rule; a reset
 * that seeds too also by the seed rules, under which such a command was reported before resets
 * had a rule of their own, so the suppressions written then still hold.
 */
function suppressibleAs(finding: Finding): string[] {
  const seeds = finding.seed?.effects.includes('seed') === true
  switch (finding.rule) {
    case 'seed-possibly-in-production':
      return ['seed-possibly-in-production', 'seed-in-production']
    case 'reset-possibly-in-production':
      return ['reset-possibly-in-production', 'reset-in-production', ...(seeds ? ['seed-possibly-in-production', 'seed-in-production'] : [])]
    case 'reset-in-production':
      return ['reset-in-production', ...(seeds ? ['seed-in-production'] : [])]
    default:
      return [finding.rule]
  }
}

function markerFindings(marker: Marker): Finding[] {
  const at = (rule: Finding['rule'], label: string, detail: string): Finding => ({ rule, severity: 'warning', primary: marker.span, chain: [{ span: marker.span, label }], confidence: 'high', detail })
  const example = `\`${marker.leader} seedguard-ignore[seed-in-production]: why this is safe\``
  const out = marker.problems.map((problem) => at('invalid-suppression', 'seedguard-ignore not understood', `${problem}; the form is ${example}`))
  if (marker.rules.length === 0) return out
  if (!marker.used) out.push(at('unused-suppression', 'seedguard-ignore that suppresses nothing', `no ${marker.rules.map((r) => `\`${r}\``).join(' or ')} finding is reported on this line or the next`))
  else if (!marker.reason) out.push(at('suppression-without-reason', 'seedguard-ignore without a reason', `add the reason after a colon: ${example}`))
  return out
}

/** Every marker of every file, parsed once per file, each remembering whether it suppressed something. */
class Markers {
  private readonly byFile = new Map<string, Map<number, Marker>>()

  suppressing(finding: Finding, cache: FileCache): Marker | undefined {
    const family = suppressibleAs(finding)
    // the first hop is the whole job: a marker there would silence every step of it
    for (const span of [finding.primary, ...finding.chain.slice(1).map((h) => h.span)]) {
      const lines = cache.get(span.file)
      if (!lines) continue
      for (const line of [span.start.line, span.start.line - 1]) {
        const marker = this.of(lines).get(line)
        if (!marker?.rules.some((r) => family.includes(r))) continue
        marker.used = true
        return marker
      }
    }
    return undefined
  }

  /**
   * The markers of every file a finding passes through, suppressed or not: where a marker can be
   * meant for something. Elsewhere (a fixture, an example, a file no deploy reaches) it would be
   * noise: a mistyped one there suppresses nothing that is reported, and is said as soon as a
   * finding comes near it.
   */
  inFilesOf(findings: Finding[], cache: FileCache): Marker[] {
    const files = new Set(findings.flatMap((f) => [f.primary.file, ...f.chain.map((h) => h.span.file)]))
    return [...files].sort().flatMap((file) => {
      const lines = cache.get(file)
      return lines ? [...this.of(lines).values()] : []
    })
  }

  private of(lines: LineIndex): Map<number, Marker> {
    let markers = this.byFile.get(lines.file)
    if (!markers) {
      markers = new Map()
      for (let at = lines.text.indexOf('seedguard-ignore'); at !== -1; at = lines.text.indexOf('seedguard-ignore', at + 1)) {
        const line = lines.position(at).line
        if (markers.has(line)) continue
        const marker = parseMarker(lines, line)
        if (marker) markers.set(line, marker)
      }
      this.byFile.set(lines.file, markers)
    }
    return markers
  }
}

function parseMarker(lines: LineIndex, line: number): Marker | undefined {
  const text = lines.lineText(line)
  const leader = LEADER.exec(text)
  if (!leader) return undefined
  const start = text.indexOf('seedguard-ignore', leader.index)
  const after = text.slice(start + 'seedguard-ignore'.length)
  const lineStart = lines.lineStart(line)
  const marker: Marker = { span: lines.span(lineStart + start, lineStart + text.trimEnd().length), leader: leader[1]!, rules: [], reason: undefined, problems: [], used: false }
  const form = WELL_FORMED.exec(after)
  if (!form) {
    marker.problems.push(after.trimStart().startsWith('[') ? 'the reason goes after a colon, so this suppresses nothing' : 'it names no rule, so it suppresses nothing')
    return marker
  }
  marker.reason = form[2]?.trim() || undefined
  const ids = form[1]!.split(',').map((id) => id.trim()).filter(Boolean)
  if (ids.length === 0) marker.problems.push('it names no rule, so it suppresses nothing')
  for (const id of ids) {
    if (RULE_ID.test(id) && (RULE_IDS as readonly string[]).includes(id)) {
      marker.rules.push(id)
      continue
    }
    const meant = closest(id, RULE_IDS)
    marker.problems.push(`\`${id}\` is not a seedguard rule${meant ? ` (did you mean \`${meant}\`?)` : ` (rules: ${RULE_IDS.join(', ')})`}, so nothing is suppressed for it`)
  }
  return marker
}
