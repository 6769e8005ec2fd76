import * as core from '@actions/core'
import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { runCheck } from '../analysis/check.js'
import { VERSION } from '../cli/version.js'
import { ConfigError, loadConfig } from '../config/load.js'
import { DiskFiles, FileCache } from '../project/files.js'
import { readFacts } from '../project/facts.js'
import { renderJson } from '../report/json.js'
import { renderSarif } from '../report/sarif.js'
import { renderText } from '../report/text.js'
import type { ReportOptions } from '../report/types.js'
import { annotate, annotateProblem } from './annotations.js'
import { readRunContext, type RunContext } from './context.js'
import { InputError, readInputs, type ActionInputs } from './inputs.js'
import { printUninterpreted } from './log.js'
import { publish } from './publish.js'
import { prefixOf, rebaseResult, unprefix } from './rebase.js'
import { renderMarkdown, SUMMARY_MAX_BYTES, type MarkdownOptions } from './summary.js'
import { failureReason, tally } from './verdict.js'

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
  const files = new DiskFiles(root)
  const cache = new FileCache(files)
  const prefix = prefixOf(context.workspace, root)
  const config = loadConfigAnnotated(cache, inputs.config, prefix)
  const result = rebaseResult(runCheck(root, files, config, await readFacts(cache)), context.workspace, prefix)
  const t = tally(result, inputs.failOn)
  const options: ReportOptions = { color: false, readLine: (file, line) => cache.get(unprefix(file, prefix))?.lineText(line), toolVersion: VERSION }

  // the text report holds lines of the checked repository, which a pull request controls
  printUninterpreted(renderText(result, options))
  const sarifPath = inputs.sarifFile ? resolve(context.workspace, inputs.sarifFile) : undefined
  if (sarifPath) {
    mkdirSync(dirname(sarifPath), { recursive: true })
    writeFileSync(sarifPath, renderSarif(result, options))
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
  // the checked directory as the workspace sees it: the comment marker and headings name it
  const shownPath = prefix === '' ? '.' : prefix.slice(0, -1)
  const markdown = (extra: Pick<MarkdownOptions, 'maxBytes' | 'notes' | 'seeAlso'>) => renderMarkdown(result, t, { failOn: inputs.failOn, path: shownPath, ...linkOf(context), ...extra })

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

/** An invalid config stops the check; it is annotated at its place before the step fails. */
function loadConfigAnnotated(cache: FileCache, explicit: string | undefined, prefix: string) {
  try {
    return loadConfig(cache, explicit)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    // ConfigError's message starts with its place; said again from the workspace root
    const { span } = error
    const reason = error.message.slice(`${span.file}:${span.start.line}:${span.start.column}: `.length)
    const rebased = { ...span, file: prefix + span.file }
    annotateProblem(reason, rebased, 'Invalid seedguard configuration [config-error]')
    throw new ConfigError(reason, rebased)
  }
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
  if (error instanceof InputError || error instanceof ConfigError) return ''
  const status = (error as { status?: unknown } | null)?.status
  if (typeof status === 'number') return `the GitHub API answered HTTP ${status}: `
  return 'internal error: '
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0]!.trim() || 'unknown error'
}
