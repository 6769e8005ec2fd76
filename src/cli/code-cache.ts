import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import vm from 'node:vm'

/** A CommonJS bundle, loaded; `save` keeps what V8 compiled while it ran for the next start. */
export interface Compiled<T> {
  exports: T
  save(): void
}

/**
 * Loads the CLI's CommonJS core with V8's code cache: compiling the bundle is most of a small
 * repository's check, and Node 20 has no compile cache of its own. The cache is vm.Script
 * cachedData in a temporary directory of the user's own, keyed by the bundle's file name (which
 * carries its content hash) and the Node version; a missing, rejected or unwritable cache costs
 * only the compile it would have saved. `provided` answers the core's require() of modules that
 * must stay outside it (see src/util/on-demand.ts). The cache holds what the run that wrote it
 * compiled, and is written only once: `variant` keeps one per kind of run, so that a first
 * `--version` does not leave every later check compiling most of its code.
 */
export function loadCompiled<T>(file: string, provided: Record<string, unknown>, variant: string): Compiled<T> {
  const dir = join(tmpdir(), `seedguard-code-cache-${process.getuid?.() ?? 'user'}`)
  const cacheFile = join(dir, `${basename(file)}-${variant}-${process.version}-${process.arch}.bin`)
  const cachedData = ownDirectory(dir) ? readOptional(cacheFile) : undefined
  // the same wrapper Node gives a CommonJS file, on its first line so positions in stack traces hold
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`
  const script = new vm.Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) })
  const nodeRequire = createRequire(file)
  const require = (id: string): unknown => (Object.hasOwn(provided, id) ? provided[id] : nodeRequire(id))
  const loaded = { exports: {} as T }
  ;(script.runInThisContext() as (...args: unknown[]) => void)(loaded.exports, require, loaded, file, dirname(file))
  const stale = cachedData === undefined || script.cachedDataRejected === true
  return { exports: loaded.exports, save: () => stale && writeQuietly(dir, cacheFile, () => script.createCachedData()) }
}

function readOptional(path: string): Buffer | undefined {
  try {
    return readFileSync(path)
  } catch {
    return undefined
  }
}

/** Compiled code runs as is: only a directory this user owns and nobody else can write counts. */
function ownDirectory(dir: string): boolean {
  try {
    const stat = statSync(dir)
    return stat.isDirectory() && (process.getuid === undefined || (stat.uid === process.getuid() && (stat.mode & 0o022) === 0))
  } catch {
    return false
  }
}

/** written aside and renamed, so a concurrent start reads a whole cache or none */
function writeQuietly(dir: string, path: string, data: () => Buffer): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    if (!ownDirectory(dir)) return
    const partial = `${path}.${process.pid}`
    writeFileSync(partial, data())
    renameSync(partial, path)
  } catch {
    // a read-only or full temporary directory: the next start compiles again
  }
}
