// https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
// https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
import { createHash } from 'node:crypto'
import { pathToFileURL } from 'node:url'
import type { Finding, RuleId } from '../model/finding.js'
import type { CheckFailure } from '../model/result.js'
import type { Span } from '../model/span.js'
import { compareFindings, renderFailureMessage, renderMessage, ruleHelp, ruleIds } from './message.js'
import type { ReportOptions, Reporter } from './types.js'

const SRCROOT = '%SRCROOT%'

export const renderSarif: Reporter = (result, options) => {
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'seedguard',
            informationUri: 'https://github.com/seedguard/seedguard',
            version: options.toolVersion,
            rules: ruleIds.map(toRule),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(result.root) } },
        // Span columns count UTF-16 code units, which is also SARIF's default; said for readers
        columnKind: 'utf16CodeUnits',
        ...(result.failure && { invocations: [failedInvocation(result.failure)] }),
        results: [...result.findings].sort(compareFindings).map((f) => toResult(f, options)),
      },
    ],
  }
  return JSON.stringify(log, null, 2) + '\n'
}

/**
 * A run that could not check anything: an empty `results` alone would read as clean to code
 * scanning, so the invocation says it failed and why, at the config line when there is one.
 */
function failedInvocation(failure: CheckFailure) {
  return {
    executionSuccessful: false,
    toolExecutionNotifications: [
      {
        level: 'error',
        descriptor: { id: failure.code },
        message: { text: renderFailureMessage(failure) },
        ...(failure.span && { locations: [{ physicalLocation: physicalLocation(failure.span) }] }),
      },
    ],
  }
}

function toRule(rule: RuleId) {
  const { title, summary, help, helpUri, severity } = ruleHelp(rule)
  return {
    id: rule,
    name: rule.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: title },
    fullDescription: { text: summary },
    help: { text: help, markdown: help },
    helpUri,
    defaultConfiguration: { level: severity },
  }
}

function toResult(f: Finding, options: ReportOptions) {
  return {
    ruleId: f.rule,
    ruleIndex: ruleIds.indexOf(f.rule),
    level: f.severity,
    message: { text: renderMessage(f) },
    locations: [{ physicalLocation: physicalLocation(f.primary) }],
    ...(f.chain.length > 0 && {
      codeFlows: [
        {
          threadFlows: [
            {
              locations: f.chain.map((hop) => ({
                location: { physicalLocation: physicalLocation(hop.span), message: { text: hop.label } },
              })),
            },
          ],
        },
      ],
    }),
    partialFingerprints: { 'seedguard/v1': fingerprint(f, options) },
    ...(f.suppressed && {
      suppressions: [
        {
          kind: 'inSource',
          justification: f.suppressed.reason,
          location: { physicalLocation: physicalLocation(f.suppressed.span) },
        },
      ],
    }),
    properties: { confidence: f.confidence },
  }
}

function physicalLocation(span: Span) {
  return {
    artifactLocation: { uri: relativeUri(span.file), uriBaseId: SRCROOT },
    // Span ends are exclusive, as SARIF's endColumn is
    region: { startLine: span.start.line, startColumn: span.start.column, endLine: span.end.line, endColumn: span.end.column },
  }
}

/**
 * Keyed on the text of the primary line rather than its number, so that code scanning keeps
 * matching a result to its alert after lines are added above it.
 */
function fingerprint(f: Finding, options: ReportOptions): string {
  const line = options.readLine(f.primary.file, f.primary.start.line)?.trim() ?? ''
  // NUL separators keep ("a", "b/c") and ("a/b", "c") apart
  return createHash('sha256').update(`${f.rule}\0${f.primary.file}\0${line}`).digest('hex').slice(0, 32)
}

// A repository-relative path as a relative URI reference: '#', '?' and spaces must be escaped
function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/')
}

function directoryUri(root: string): string {
  const href = pathToFileURL(root).href
  return href.endsWith('/') ? href : `${href}/`
}
