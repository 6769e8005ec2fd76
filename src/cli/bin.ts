import module from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { loadCompiled, type Compiled } from './code-cache.js'
import type { main } from './index.js'
import { EXIT_ERROR } from './io.js'

/**
 * Set by the build (scripts/build-cli.mjs): the CommonJS bundle of ./index.js, the id it requires
 * ../util/on-demand.js by, and that module's ES bundle, both relative to this file. This file is
 * bundled as CommonJS: Node starts a CommonJS entry without its ES module loader, which is a
 * visible share of a small repository's check.
 */
declare const SEEDGUARD_CORE: string
declare const SEEDGUARD_ON_DEMAND: string
declare const SEEDGUARD_ON_DEMAND_MODULE: string

type OnDemand = typeof import('../util/on-demand.js')
let onDemandModule: Promise<OnDemand> | undefined
/** what the core imports on demand stays an ES module, imported here at its first use: a script compiled from V8's code cache cannot import() on Node 20 */
const later = <K extends keyof OnDemand>(name: K) =>
  (async () => {
    onDemandModule ??= import(pathToFileURL(join(__dirname, SEEDGUARD_ON_DEMAND_MODULE)).href) as Promise<OnDemand>
    return (await onDemandModule)[name]()
  }) as OnDemand[K]
const onDemand: OnDemand = { importBabelParser: later('importBabelParser'), importPrism: later('importPrism'), importTreeSitter: later('importTreeSitter'), importVerifyCommand: later('importVerifyCommand'), importProtectCommand: later('importProtectCommand'), importCleanupCommand: later('importCleanupCommand'), importGuardCommand: later('importGuardCommand'), importRestoreCommand: later('importRestoreCommand') }

// Node 22.1+ also keeps V8's compiled code of the ES modules loaded on demand
;(module as { enableCompileCache?: () => unknown }).enableCompileCache?.()

/** the commands with start-up targets keep compiled code of their own; every other run shares one */
const CACHED_COMMANDS = new Set(['check', 'hook'])

/** one answer from the terminal; the prompt goes to stderr, which stays on the terminal when stdout is piped */
async function ask(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises')
  const terminal = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return await terminal.question(question)
  } finally {
    terminal.close()
  }
}

async function run(): Promise<void> {
  let core: Compiled<{ main: typeof main }> | undefined
  try {
    const command = process.argv[2] ?? ''
    core = loadCompiled(join(__dirname, SEEDGUARD_CORE), { [SEEDGUARD_ON_DEMAND]: onDemand }, CACHED_COMMANDS.has(command) ? command : 'other')
    process.exitCode = await core.exports.main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, raise: (signal) => process.kill(process.pid, signal), ...(process.stdin.isTTY ? { ask } : {}) })
  } catch (error) {
    // fail closed with one clear line; the stack only on request
    process.stderr.write(`seedguard: internal error: ${(error as Error).message}\n`)
    if (process.env.SEEDGUARD_DEBUG) process.stderr.write(`${(error as Error).stack}\n`)
    process.exitCode = EXIT_ERROR
  }
  // after the command: the cache then holds the functions it compiled on the way, not just the top level
  core?.save()
}

void run()
