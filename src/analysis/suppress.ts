import picomatch from 'picomatch'
import type { SeedguardConfig } from '../config/types.js'
import type { Finding } from '../model/finding.js'
import type { FileCache } from '../project/files.js'

const MARKER = /(?:#|\/\/)\s*seedguard-ignore\[([a-z-]+(?:\s*,\s*[a-z-]+)*)\](?::\s*(.*?))?\s*$/

/**
 * Inline `# seedguard-ignore[rule]: reason` on the finding's line or the line above (for a
 * `run: |` block, also on the `run:` line), and `allow` entries from the config. A suppression
 * without a reason still suppresses, but is itself reported, so no silence goes unexplained.
 */
export function applySuppressions(findings: Finding[], cache: FileCache, config: SeedguardConfig): { findings: Finding[]; suppressed: number } {
  const out: Finding[] = []
  let suppressed = 0
  const allows = config.allow.map((a) => ({ ...a, matches: picomatch(a.file, { dot: true }) }))
  for (const finding of findings) {
    const allow = allows.find((a) => (a.rule === finding.rule || a.rule === '*') && a.matches(finding.primary.file))
    if (allow) {
      out.push({ ...finding, suppressed: { reason: allow.reason, span: finding.primary } })
      suppressed++
      continue
    }
    const inline = inlineSuppression(finding, cache)
    if (!inline) {
      out.push(finding)
      continue
    }
    suppressed++
    out.push({ ...finding, suppressed: { reason: inline.reason ?? '', span: inline.span } })
    if (!inline.reason) {
      out.push({ rule: 'suppression-without-reason', severity: 'warning', primary: inline.span, chain: [{ span: inline.span, label: 'seedguard-ignore without a reason' }], confidence: 'high', detail: 'add the reason after a colon: `# seedguard-ignore[rule]: why this is safe`' })
    }
  }
  return { findings: out, suppressed }
}

function inlineSuppression(finding: Finding, cache: FileCache): { reason: string | undefined; span: Finding['primary'] } | undefined {
  // the first hop is the whole job: a marker there would silence every step of it
  const candidates = [finding.primary, ...finding.chain.slice(1).map((h) => h.span)]
  for (const span of candidates) {
    const lines = cache.get(span.file)
    if (!lines) continue
    for (const line of [span.start.line, span.start.line - 1]) {
      if (line < 1) continue
      const text = lines.lineText(line)
      const match = MARKER.exec(text)
      if (!match) continue
      const rules = match[1]!.split(',').map((r) => r.trim())
      const family = finding.rule === 'seed-possibly-in-production' ? ['seed-possibly-in-production', 'seed-in-production'] : [finding.rule]
      if (!rules.some((r) => family.includes(r))) continue
      const lineStart = lines.lineStart(line)
      return { reason: match[2]?.trim() || undefined, span: lines.span(lineStart + text.indexOf('seedguard-ignore'), lineStart + text.length) }
    }
  }
  return undefined
}
