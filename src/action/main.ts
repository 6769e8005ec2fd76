import * as core from '@actions/core'
import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { prefixOf } from '../analysis/rebase.js'
import { checkRepository } from '../analysis/repository.js'
import { VERSION } from '../cli/version.js'
import { renderJson } from '../report/json.js'
import { renderMarkdown, type MarkdownOptions } from '../report/markdown.js'
import { renderFailure } from '../report/message.js'
import { renderSarif } from '../report/sarif.js'
import { renderText } from '../report/text.js'
import type { ReportOptions } from '../report/types.js'
import { failureReason, tally } from '../report/verdict.js'
import { annotate, annotateFailure } from './annotations.js'
import { readRunContext, type RunContext } from './context.js'
import { InputError, readInputs, type ActionInputs } from './inputs.js'
import { SUMMARY_MAX_BYTES } from './limits.js'
import { printUninterpreted } from './log.js'
import { publish } from './publish.js'

/** The check could not judge the workspace (an invalid config, no files): said as is, never a pass. */
class CheckFailedError extends Error {}

/** The action's entry point: never throws, and leaves the step failed with one line when it must. */
export async function run(): Promise<void> {
  let checked = false
  try {
    const inputs = readInputs()
    const context = readRunContext(process.env, process.cwd())
    await checkAndReport(inputs, context, () => (checked = true))
  } catch (error) {
    // the check could not say anything: fail closed, whatever fail-on says
    if (!checked) core.setOutput('verdict', 'error')
    if (error instanceof Error && error.stack) core.debug(error.stack)
    core.setFailed(`seedguard: ${kindOf(error)}${oneLine(error)}`)
  }
}

async function checkAndReport(inputs: ActionInputs, context: RunContext, done: () => void): Promise<void> {
  const root = resolve(context.workspace, inputs.path)
  if (!isDirectory(root)) throw new InputError(`input path: ${root} is not a directory`)
  const { result, readLine } = await checkRepository({ dir: root, base: context.workspace, ...(inputs.config !== undefined && { config: inputs.config }) })
  const t = tally(result, inputs.failOn)
  const options: ReportOptions = { color: false, readLine, toolVersion: VERSION }
  const prefix = prefixOf(context.workspace, root)
  // the checked directory as the workspace sees it: the comment marker and headings name it
  const shownPath = prefix === '' ? '.' : prefix.slice(0, -1)
  const markdown = (extra: Pick<MarkdownOptions, 'maxBytes' | 'notes' | 'seeAlso'>) => renderMarkdown(result, t, { failOn: inputs.failOn, path: shownPath, ...linkOf(context), ...extra })

  // the text report holds lines of the checked repository, which a pull request controls
  printUninterpreted(renderText(result, options))
  const sarifPath = inputs.sarifFile ? resolve(context.workspace, inputs.sarifFile) : undefined
  if (sarifPath) {
    mkdirSync(dirname(sarifPath), { recursive: true })
    writeFileSync(sarifPath, renderSarif(result, options))
  }
  if (result.failure) {
    // an empty workspace (no actions/checkout) or a broken config: nothing was judged, the step fails
    annotateFailure(result.failure)
    if (sarifPath) core.setOutput('sarif-file', sarifPath)
    if (inputs.summary) await core.summary.addRaw(markdown({ maxBytes: SUMMARY_MAX_BYTES, notes: [], seeAlso: [] })).write()
    throw new CheckFailedError(renderFailure(result.failure))
  }
  core.setOutput('errors', t.errors)
  core.setOutput('warnings', t.warnings)
  // one line: outputs travel through GITHUB_OUTPUT and job outputs, where size counts
  core.setOutput('findings-json', JSON.stringify(JSON.parse(renderJson(result, options))))
  core.setOutput('sarif-file', sarifPath ?? '')
  core.setOutput('verdict', t.verdict)
  done()

  const elsewhere = (exceptSummary: boolean) => [
    ...(inputs.summary && !exceptSummary ? ['the job summary'] : []),
    ...(inputs.checkRun ? ['the "seedguard" check run'] : []),
    ...(sarifPath ? [`the SARIF file ${relative(context.workspace, sarifPath) || sarifPath}`] : []),
    'the log of this step',
  ]
  if (inputs.annotations) annotate(t, elsewhere(false))

  // a failure of the API must not cost the summary: it is written first, then the error rethrown
  let notes: string[] = []
  let publishError: unknown
  try {
    notes = await publish({ ...inputs, path: shownPath }, context, t, (maxBytes) => markdown({ maxBytes, notes: [], seeAlso: elsewhere(false) }))
  } catch (error) {
    publishError = error
  }
  if (inputs.summary) await core.summary.addRaw(markdown({ maxBytes: SUMMARY_MAX_BYTES, notes, seeAlso: elsewhere(true) })).write()
  if (publishError !== undefined) throw publishError
  if (t.failing.length > 0) core.setFailed(failureReason(t, inputs.failOn))
}

function linkOf(run: RunContext): Pick<MarkdownOptions, 'link'> {
  const sha = run.pullRequest?.headSha || run.sha
  if (!run.repo || !sha) return {}
  const base = `${run.serverUrl}/${run.repo.owner}/${run.repo.repo}/blob/${sha}`
  return { link: (file, line) => `${base}/${file.split('/').map(encodeURIComponent).join('/')}#L${line}` }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

/** What failed, so the one line says whose problem it is: the inputs, the config, the API, or ours. */
function kindOf(error: unknown): string {
  if (error instanceof InputError || error instanceof CheckFailedError) return ''
  const status = (error as { status?: unknown } | null)?.status
  if (typeof status === 'number') return `the GitHub API answered HTTP ${status}: `
  return 'internal error: '
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0]!.trim() || 'unknown error'
}
