import module from 'node:module'
import { EXIT_ERROR } from './io.js'
import { main } from './index.js'

// Node 22.1+ keeps V8's compiled code between runs (the hook runs on every push); older Nodes skip it
;(module as { enableCompileCache?: () => unknown }).enableCompileCache?.()

try {
  process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env })
} catch (error) {
  // fail closed with one clear line; the stack only on request
  process.stderr.write(`seedguard: internal error: ${(error as Error).message}\n`)
  if (process.env.SEEDGUARD_DEBUG) process.stderr.write(`${(error as Error).stack}\n`)
  process.exitCode = EXIT_ERROR
}
