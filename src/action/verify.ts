// The companion step (verify/action.yml): `seedguard verify` against a deployed database, read-only,
// with the CLI's own option handling, connection and reporters; the URL is a secret throughout.
import * as core from '@actions/core'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { parse as parseYaml } from 'yaml'
import { loadPrisma } from '../verify/locate.js'
import { invalidVerifyValues, readMonitoring, VERIFY_OPTIONS, verifyOptionsOf, type VerifyValues } from '../cli/verify.js'
import { DRIVERS, installHint, type DriverDialect } from '../verify/dialects/driver.js'
import { connect } from '../verify/dialects/index.js'
import { ConnectionError } from '../verify/dialects/types.js'
import { PrismaSchemaError } from '../verify/prisma-schema.js'
import { renderMarkdown } from '../verify/report/markdown.js'
import { renderText } from '../verify/report/text.js'
import { runVerify } from '../verify/run.js'
import type { Since } from '../verify/since.js'
import { recordRun, StateError } from '../verify/state.js'
import type { VerifyResult } from '../verify/types.js'
import { parseDatabaseUrl, scrub, type DatabaseTarget } from '../verify/url.js'
import type { FailOn } from '../model/fail-on.js'
import { client, isForbidden } from './api.js'
import { readRunContext } from './context.js'
import { InputError } from './inputs.js'
import { syncIssue } from './monitor-issue.js'
import { printUninterpreted } from './log.js'

export interface VerifyInputs {
  databaseUrl: string
  failOn: FailOn
  values: VerifyValues
  /** monitoring mode: the state file between runs (absolute), and the token for the alert issue */
  monitor?: { stateFile: string; token: string }
}

/** The options a config file may set: the CLI's long options that are not inputs of their own. */
const FROM_CONFIG = ['schema', 'prisma-schema', 'admin-table', 'admin-where', 'created-column', 'demo-domain', 'ignore-table', 'exact-count-limit', 'timeout', 'connections'] as const

/** Drivers the bundle leaves out (a native addon, a package that loads its WebAssembly from its folder). */
export type DriverLoader = (dialect: DriverDialect) => Promise<unknown>
const loadDriver: DriverLoader = (dialect) => DRIVERS[dialect].load()

/** The sub-action's entry point: never throws; a step that cannot verify fails whatever fail-on says. */
export async function runVerifyAction(workspace = process.env.GITHUB_WORKSPACE || process.cwd(), driver: DriverLoader = loadDriver): Promise<void> {
  let secrets: string[] = []
  let done = false
  try {
    const url = core.getInput('database-url')
    // first, before anything could print it: the URL and, apart, its password
    if (url) core.setSecret(url)
    const inputs = readVerifyInputs(url, workspace)
    const target = parseDatabaseUrl(inputs.databaseUrl, workspace)
    secrets = [inputs.databaseUrl, ...target.secrets]
    for (const secret of target.secrets) core.setSecret(secret)
    await requireDriver(target, driver)
    const prisma = await loadPrisma(inputs.values['prisma-schema'], workspace)
    const monitoring = readMonitoring(inputs.values, workspace)
    const options = { ...verifyOptionsOf(inputs.values, prisma), ...monitoring.options, picture: true }
    const client = await connect(target, { timeoutMs: Number(inputs.values.timeout) * 1000, connections: options.connections })
    let result: VerifyResult
    try {
      result = await runVerify(client, target.masked, options)
    } finally {
      await client.close()
    }
    report(result)
    done = true
    const markdown = renderMarkdown(result)
    await core.summary.addRaw(markdown).write()
    if (inputs.monitor) await monitor(inputs.monitor, result, markdown, monitoring.stateFile!, options.since, workspace)
    const failure = failureOf(result, inputs.failOn)
    if (failure) core.setFailed(`seedguard verify: ${failure}`)
  } catch (error) {
    if (!done) core.setOutput('verdict', 'error')
    const known = error instanceof InputError || error instanceof ConnectionError || error instanceof PrismaSchemaError || error instanceof StateError
    const message = scrub(((error as Error)?.message ?? String(error)).split('\n')[0]!.trim() || 'unknown error', secrets)
    core.setFailed(`seedguard verify: ${known ? '' : 'internal error: '}${message}`)
  }
}

export function readVerifyInputs(url: string, workspace: string): VerifyInputs {
  if (!url.trim()) throw new InputError('input database-url is required (pass a secret: `database-url: ${{ secrets.STAGING_DATABASE_URL }}`)')
  const failOn = core.getInput('fail-on') || 'error'
  if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'never') throw new InputError(`input fail-on must be error, warning or never (got \`${failOn}\`)`)
  const args = configArgs(core.getInput('config'), workspace)
  const admins = core.getInput('expect-admins')
  if (admins) args.push('--expect-admins', admins)
  const monitor = readMonitorInputs(workspace)
  // the first run (no state yet) verifies everything and records where it ended
  if (monitor) args.push(...(existsSync(monitor.stateFile) ? ['--since', monitor.stateFile] : []), '--state', monitor.stateFile)
  let values: VerifyValues
  try {
    values = parseArgs({ args: [...args, '--fail-on', failOn], options: VERIFY_OPTIONS, allowPositionals: false }).values
  } catch (error) {
    throw new InputError(`input config: ${(error as Error).message.split('\n')[0]}`)
  }
  const invalid = invalidVerifyValues(values)
  if (invalid) throw new InputError(invalid.replace(/^--(expect-admins|fail-on)\b/, 'input $1').replace(/^--/, 'config: '))
  return { databaseUrl: url.trim(), failOn, values, ...(monitor ? { monitor } : {}) }
}

function readMonitorInputs(workspace: string): VerifyInputs['monitor'] {
  const value = core.getInput('monitor') || 'false'
  if (value !== 'true' && value !== 'false') throw new InputError(`input monitor must be true or false (got \`${value}\`)`)
  if (value === 'false') return undefined
  const token = core.getInput('github-token')
  if (token) core.setSecret(token)
  if (!token) throw new InputError('input github-token is empty, and monitor opens and closes its issue through the GitHub API')
  return { stateFile: resolve(workspace, core.getInput('state-file') || DEFAULT_STATE_FILE), token }
}

/** where the state lives between runs, relative to the workspace (restored and saved by actions/cache) */
const DEFAULT_STATE_FILE = '.seedguard/verify-state.json'

/**
 * Monitoring: the alert issue, opened or updated on seed data, closed by a clean run, left alone by
 * a run that could not read everything (that is not clean); then the state for the next run. A
 * token that may not write issues fails the step and keeps the previous state: the issue is the
 * alert, and the next run must raise it again.
 */
async function monitor(settings: NonNullable<VerifyInputs['monitor']>, result: VerifyResult, markdown: string, stateFile: string, since: Since | undefined, workspace: string): Promise<void> {
  if (result.verdict === 'seeded' || result.verdict === 'clean') await alert(settings, result, markdown, workspace)
  mkdirSync(dirname(stateFile), { recursive: true })
  if (recordRun(stateFile, result, since)) core.setOutput('state-file', stateFile)
}

async function alert(settings: NonNullable<VerifyInputs['monitor']>, result: VerifyResult, markdown: string, workspace: string): Promise<void> {
  const run = readRunContext(process.env, workspace)
  if (!run.repo) throw new InputError('GITHUB_REPOSITORY is not set: monitor opens its issue only in a GitHub Actions run')
  try {
    const { action, number } = await syncIssue(client(settings.token, run), run, { database: result.database, findings: result.verdict === 'seeded' ? markdown : undefined })
    core.info(`seedguard: monitoring issue ${action}${number === undefined ? '' : ` (#${number})`}`)
    core.setOutput('issue', number ?? '')
  } catch (error) {
    if (isForbidden(error)) throw new InputError('monitor could not write its issue (HTTP 403): grant `issues: write` in the workflow\'s `permissions:`')
    throw error
  }
}

/** The config file (YAML or JSON, relative to the workspace) as CLI arguments, so the CLI's parser checks it. */
function configArgs(file: string, workspace: string): string[] {
  if (!file) return []
  let data: unknown
  try {
    data = parseYaml(readFileSync(resolve(workspace, file), 'utf8'))
  } catch (error) {
    throw new InputError(`input config: cannot read ${file}: ${(error as Error).message.split('\n')[0]}`)
  }
  if (data === null || data === undefined) return []
  if (typeof data !== 'object' || Array.isArray(data)) throw new InputError(`input config: ${file} must hold a mapping of seedguard verify options`)
  const args: string[] = []
  for (const [key, value] of Object.entries(data)) {
    if (!(FROM_CONFIG as readonly string[]).includes(key)) throw new InputError(`input config: unknown option \`${key}\` in ${file} (${FROM_CONFIG.join(', ')})`)
    for (const one of Array.isArray(value) ? value : [value]) {
      if (typeof one !== 'string' && typeof one !== 'number') throw new InputError(`input config: \`${key}\` in ${file} takes text or a number`)
      args.push(`--${key}`, String(one))
    }
  }
  return args
}

/**
 * A runner checks the action out without node_modules: the PostgreSQL and MySQL drivers are in the
 * bundle, better-sqlite3 and PGlite are not. Say so, instead of a module-resolution error.
 */
async function requireDriver(target: DatabaseTarget, driver: DriverLoader): Promise<void> {
  if (target.dialect !== 'sqlite' && target.dialect !== 'pglite') return
  try {
    await driver(target.dialect)
  } catch {
    throw new InputError(
      `input database-url: ${target.dialect}: databases need ${DRIVERS[target.dialect].name}, which the action does not bundle; verify a postgres:// or mysql:// database here, or run \`seedguard verify\` in a run: step (${installHint(target.dialect)})`,
    )
  }
}

function report(result: VerifyResult): void {
  const count = (severity: string) => result.indicators.filter((i) => i.severity === severity).length
  // the masked URL only; samples are rows anyone who signs up controls
  printUninterpreted(renderText(result, { color: false }))
  // the action's own word for a run that verified nothing, as for one that could not connect
  core.setOutput('verdict', result.verdict === 'unreadable' ? 'error' : result.verdict)
  core.setOutput('tables', result.tables.length)
  core.setOutput('unchecked', result.unchecked.length)
  core.setOutput('rows', result.tables.reduce((sum, t) => sum + t.rows, 0))
  core.setOutput('indicators', result.indicators.filter((i) => i.severity !== 'info').length)
  core.setOutput('errors', count('error'))
  core.setOutput('warnings', count('warning'))
  core.setOutput('admins', result.admins ?? '')
}

/** Why the step fails, or undefined: seeded data at fail-on, and whatever was not read, whatever fail-on says. */
function failureOf(result: VerifyResult, failOn: FailOn): string | undefined {
  if (result.problem) return result.problem
  if (result.verdict === 'seeded' && failOn !== 'never') return `${failing(result, failOn)} (fail-on: ${failOn})`
  if (!result.unchecked.length) return undefined
  const first = result.unchecked[0]!
  const more = result.unchecked.length > 1 ? `, and ${result.unchecked.length - 1} more` : ''
  return `${result.unchecked.length} table${result.unchecked.length === 1 ? '' : 's'} not read, so not verified (${first.table}: ${first.why}${more})${result.grant ? `; grant: ${result.grant}` : ''}`
}

function failing(result: VerifyResult, failOn: FailOn): string {
  const severities = failOn === 'warning' ? ['error', 'warning'] : ['error']
  const list = result.indicators.filter((i) => severities.includes(i.severity))
  const first = list[0]
  return `${list.length} indicator${list.length === 1 ? '' : 's'} of seed data${first ? `; the first: ${first.check} on ${first.table}` : ''}`
}
