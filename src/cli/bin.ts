import module from 'node:module'
import { fileURLToPath } from 'node:url'
import * as onDemand from '../util/on-demand.js'
import { loadCompiled, type Compiled } from './code-cache.js'
import type { main } from './index.js'
import { EXIT_ERROR } from './io.js'

/** the build's CommonJS bundle of ./index.js, relative to this file, and the id it requires ../util/on-demand.js by (scripts/build-cli.mjs) */
declare const SEEDGUARD_CORE: string
declare const SEEDGUARD_ON_DEMAND: string

// Node 22.1+ also keeps V8's compiled code of the ES modules loaded on demand
;(module as { enableCompileCache?: () => unknown }).enableCompileCache?.()

/** the commands with start-up targets keep compiled code of their own; every other run shares one */
const CACHED_COMMANDS = new Set(['check', 'hook'])

let core: Compiled<{ main: typeof main }> | undefined
try {
  const command = process.argv[2] ?? ''
  core = loadCompiled(fileURLToPath(new URL(SEEDGUARD_CORE, import.meta.url)), { [SEEDGUARD_ON_DEMAND]: onDemand }, CACHED_COMMANDS.has(command) ? command : 'other')
  process.exitCode = await core.exports.main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env })
} catch (error) {
  // fail closed with one clear line; the stack only on request
  process.stderr.write(`seedguard: internal error: ${(error as Error).message}\n`)
  if (process.env.SEEDGUARD_DEBUG) process.stderr.write(`${(error as Error).stack}\n`)
  process.exitCode = EXIT_ERROR
}
// after the command: the cache then holds the functions it compiled on the way, not just the top level
core?.save()
