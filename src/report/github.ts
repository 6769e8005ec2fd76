// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#setting-an-error-message
import type { Finding, Severity } from '../model/finding.js'
import type { CheckFailure } from '../model/result.js'
import type { Span } from '../model/span.js'
import { compareFindings, failureTitle, renderChain, renderFailureMessage, renderMessage, ruleHelp } from './message.js'
import type { Reporter } from './types.js'

/**
 * One annotation as GitHub shows it, whichever way it travels: a workflow command from
 * `--format github`, `@actions/core` in the action, or the check runs API.
 */
export interface Annotation {
  severity: Severity
  span?: Span
  title: string
  message: string
}

export function annotationOf(f: Finding): Annotation {
  const message = renderMessage(f)
  const chain = renderChain(f)
  // the seed rules spell the chain out in the message already: no annotation says it twice
  const text = f.chain.length === 0 || message.includes(chain) ? message : `${message}\n${chain}`
  return { severity: f.severity, span: f.primary, title: `${ruleHelp(f.rule).title} [${f.rule}]`, message: text }
}

/** The annotation of what stopped the check, at the config line when there is one. */
export function failureAnnotation(failure: CheckFailure): Annotation {
  return { severity: 'error', ...(failure.span && { span: failure.span }), title: failureTitle(failure), message: renderFailureMessage(failure) }
}

const command: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'notice' }

/** Workflow-command annotations, one per unsuppressed finding; suppressed ones are not news in a PR. */
export const renderGithub: Reporter = (result) => {
  const annotations = result.failure
    ? [failureAnnotation(result.failure)]
    : result.findings
        .filter((f) => !f.suppressed)
        .sort(compareFindings)
        .map(annotationOf)
  return annotations.map((a) => renderAnnotation(a) + '\n').join('')
}

function renderAnnotation({ severity, span, title, message }: Annotation): string {
  const place = span
    ? [`file=${escapeProperty(span.file)}`, `line=${span.start.line}`, `col=${span.start.column}`, `endLine=${span.end.line}`, `endColumn=${span.end.column}`]
    : []
  return `::${command[severity]} ${[...place, `title=${escapeProperty(title)}`].join(',')}::${escapeData(message)}`
}

// As @actions/core's command.ts escapes them: the runner decodes these before showing the text
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
