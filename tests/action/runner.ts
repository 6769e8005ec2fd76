// A simulated GitHub Actions runner for the committed bundle: the environment a runner gives a
// `node24` action (INPUT_* from action.yml's defaults and `with:`, GITHUB_* files), a real Node 24
// process, and what comes back: stdout, the exit code, the summary and outputs files.
import { execFile } from 'node:child_process'
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'
import { runnerTemp } from './workspace.js'

export const ROOT = join(import.meta.dirname, '..', '..')
export const BUNDLE = join(ROOT, 'dist', 'index.mjs')

let checkout: string | undefined

/**
 * The action as a runner checks it out: action.yml, package.json (its "type": "module" makes the
 * bundle ESM) and dist/, in a directory with no node_modules above it, so that a dependency
 * left out of the bundle fails here rather than on the Marketplace.
 */
export function actionCheckout(): string {
  if (checkout) return checkout
  const dir = mkdtempSync(join(tmpdir(), 'seedguard-action-checkout-'))
  mkdirSync(join(dir, 'verify'))
  for (const file of ['action.yml', 'package.json', join('verify', 'action.yml')]) copyFileSync(join(ROOT, file), join(dir, file))
  // all of dist/, as committed: the bundle loads assets next to it (prism.wasm)
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true })
  return (checkout = dir)
}

export interface RunnerResult {
  code: number
  stdout: string
  stderr: string
  summary: string
  outputs: Record<string, string>
}

export interface RunnerOptions {
  node: string
  workspace: string
  /** `with:` of the step; the rest comes from action.yml's defaults, as a runner fills them in */
  with?: Record<string, string>
  env?: Record<string, string>
  /** the static check (action.yml, the default) or the companion step (verify/action.yml) */
  action?: 'check' | 'verify'
}

/** Each action's metadata file, and its `main` resolved from that file's directory, as a runner does. */
const ACTIONS = { check: 'action.yml', verify: join('verify', 'action.yml') }

function actionOf(which: 'check' | 'verify'): { inputs: Record<string, { default?: string }>; main: string } {
  const file = join(actionCheckout(), ACTIONS[which])
  const action = parse(readFileSync(file, 'utf8')) as { inputs: Record<string, { default?: string }>; runs: { main: string } }
  return { inputs: action.inputs, main: join(dirname(file), action.runs.main) }
}

const TOKEN = 'ghs_simulated_runner_token'

export function runAction(options: RunnerOptions): Promise<RunnerResult> {
  const temp = runnerTemp()
  const summaryFile = join(temp, 'step_summary')
  const outputFile = join(temp, 'output')
  writeFileSync(summaryFile, '')
  writeFileSync(outputFile, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: temp,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: 'c0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ff',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    RUNNER_TEMP: temp,
    ...inputEnv({ ...defaults(options.action ?? 'check'), ...options.with }),
    ...options.env,
  }
  return new Promise((resolve) => {
    // asynchronous: a local API server in this process must keep answering while the action runs
    execFile(options.node, [actionOf(options.action ?? 'check').main], { cwd: options.workspace, env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
      resolve({ code, stdout, stderr, summary: readFileSync(summaryFile, 'utf8'), outputs: parseOutputs(readFileSync(outputFile, 'utf8')) })
    })
  })
}

function defaults(which: 'check' | 'verify'): Record<string, string> {
  const action = actionOf(which)
  return Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default === '${{ github.token }}' ? TOKEN : (input.default ?? '')]))
}

/** As the runner names them: INPUT_ and the name upper-cased, spaces as underscores, hyphens kept. */
function inputEnv(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]))
}

/** GITHUB_OUTPUT's `name<<delimiter` blocks, as @actions/core writes them. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of text.matchAll(/^([^\n<]+)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm)) out[m[1]!] = m[3]!
  return out
}

export interface Annotation {
  kind: string
  properties: Record<string, string>
  message: string
}

/** The `::error file=…::message` workflow commands in a step's stdout, decoded as the runner does. */
export function annotationsIn(stdout: string): Annotation[] {
  const out: Annotation[] = []
  for (const m of stdout.matchAll(/^::(error|warning|notice)( [^:]*)?::(.*)$/gm)) {
    const properties = Object.fromEntries(
      (m[2] ?? '')
        .trim()
        .split(',')
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf('=')), decode(pair.slice(pair.indexOf('=') + 1))]),
    )
    out.push({ kind: m[1]!, properties, message: decode(m[3]!) })
  }
  return out
}

function decode(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%')
}
