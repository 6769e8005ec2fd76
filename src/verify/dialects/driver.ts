// https://docs.npmjs.com/cli/v11/configuring-npm/package-json#peerdependenciesmeta
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ConnectionError } from './types.js'

/**
 * The drivers seedguard does not bundle, each an optional peer dependency: better-sqlite3 is a
 * native addon compiled at install and PGlite weighs 27 MB, and every `npx seedguard check` would
 * pay for them. The PostgreSQL and MySQL drivers are plain JavaScript, bundled into the CLI and the
 * verify action alike.
 */
export const DRIVERS = {
  sqlite: { name: 'better-sqlite3', database: 'SQLite', load: () => import('better-sqlite3') },
  pglite: { name: '@electric-sql/pglite', database: 'PGlite', load: () => import('@electric-sql/pglite') },
} as const

export type DriverDialect = keyof typeof DRIVERS
type Driver<D extends DriverDialect> = Awaited<ReturnType<(typeof DRIVERS)[D]['load']>>

/** How to get the driver, in one line: into the project, or next to seedguard for a one-off npx. */
export function installHint(dialect: DriverDialect): string {
  const { name, database } = DRIVERS[dialect]
  return `install \`${name}\` to verify ${database}: \`npm install --save-dev ${name}\`, or \`npx -p seedguard -p ${name} seedguard verify …\``
}

/**
 * The driver from seedguard's own install, else from the project in the working directory: under
 * `npx seedguard`, seedguard runs from npm's cache, out of reach of the project that has the driver.
 * Throws ConnectionError: installHint when neither has it, else the first line of why it failed to
 * load (a native addon built for another version of Node, say).
 */
export async function importDriver<D extends DriverDialect>(dialect: D): Promise<Driver<D>> {
  const { name, load } = DRIVERS[dialect]
  try {
    return (await load()) as Driver<D>
  } catch (error) {
    if (!isMissing(error, name)) throw cannotLoad(name, error)
  }
  let path: string
  try {
    path = createRequire(join(process.cwd(), 'package.json')).resolve(name)
  } catch {
    throw new ConnectionError(installHint(dialect))
  }
  try {
    return (await import(pathToFileURL(path).href)) as Driver<D>
  } catch (error) {
    throw cannotLoad(path, error)
  }
}

const cannotLoad = (what: string, error: unknown) => new ConnectionError(`cannot load ${what}: ${(error as Error).message.split('\n')[0]}`)

/** the package itself is not there, as opposed to a module it imports */
const isMissing = (error: unknown, name: string) =>
  (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && (error as Error).message.includes(`'${name}'`)
