import { basename } from 'node:path'
import picomatch from 'picomatch'
import type { SeedguardConfig } from '../config/types.js'
import { RUNTIME_ENV_VARIABLES } from '../model/runtime.js'
import { classifyEnvironmentName, nameVerdict } from '../production/evidence.js'
import type { Marker } from '../protect/marker.js'
import type { DatabaseTarget } from '../verify/url.js'

/** The variable that lets one run through; it must hold the exact name of the database, so typing it confirms which. */
export const OVERRIDE_VARIABLE = 'SEEDGUARD_ALLOW_PRODUCTION'

export interface GuardedDatabase {
  target: Pick<DatabaseTarget, 'dialect' | 'masked' | 'host' | 'database' | 'path'>
  /** where its URL came from: `--db`, `$DATABASE_URL`, `.env (DATABASE_URL)` */
  source: string
}

/** What reading the database's marker gave: the marker (undefined: none), or why it could not be read. */
export type MarkerReading = { marker: Marker | undefined } | { unreadable: string }

export interface GuardInputs {
  env: Readonly<Record<string, string | undefined>>
  config: SeedguardConfig
  /** the database the command will use; undefined when nothing names one */
  database?: GuardedDatabase
  /** its marker; undefined when there is no database to read */
  marker?: MarkerReading
  /** what is about to run, for messages: `npm run seed`; default: a seed */
  action?: string
}

export type GuardDecision =
  | { verdict: 'refuse'; message: string }
  /** a signal said production, and SEEDGUARD_ALLOW_PRODUCTION named this database: `message` is the loud announcement */
  | { verdict: 'override'; message: string; database: string }
  /** `notes`: what the guard could not check, said on every run */
  | { verdict: 'allow'; notes: string[] }

interface Signal {
  /** the sentence that names it, after "because" */
  says: string
  /** what to do when it is wrong */
  fix: string
}

/**
 * Whether a seed or reset may run here, from the database's marker, the environment's variables,
 * the database's host and name, and whether the database could be read at all. Pure: the caller
 * gathers the inputs (src/guard/assess.ts) and acts on the verdict.
 */
export function decide(inputs: GuardInputs): GuardDecision {
  const { database, config } = inputs
  const signals = [...markerSignals(inputs), ...environmentSignals(inputs.env, config), ...(database ? databaseSignals(database, config) : [])]
  const reading = inputs.marker
  // a database that cannot be read may be production; only a known-local run goes on without its word
  if (database && reading && 'unreadable' in reading && signals.length === 0) {
    const local = knownLocal(inputs.env, database, config)
    if (!local) {
      signals.push({
        says: `the marker of ${described(database)} cannot be read (${reading.unreadable}), and nothing says this environment is local`,
        fix: `make the database reachable so its marker can be read, or say the environment is not production (APP_ENV=development, RAILS_ENV=test, …)`,
      })
    }
  }
  const notes = !database
    ? ['no database found (--db, DATABASE_URL, a .env file, the Prisma schema): only the environment was checked; pass --db <url> to check the database too']
    : reading && 'unreadable' in reading
      ? [`the marker of ${described(database)} cannot be read (${reading.unreadable}); running because this is a local database or environment`]
      : []
  const allowed = inputs.env[OVERRIDE_VARIABLE]
  if (signals.length === 0) return { verdict: 'allow', notes: allowed ? [...notes, `${OVERRIDE_VARIABLE} is set, but nothing here says production: it was not needed`] : notes }
  const what = inputs.action ? `\`${inputs.action}\`` : 'a seed'
  const name = database && databaseName(database)
  if (allowed && name !== undefined && allowed === name) {
    return {
      verdict: 'override',
      database: name,
      message: `seedguard: ${OVERRIDE_VARIABLE}=${name}: running ${what} against ${described(database!)} although ${signals.map((s) => s.says).join('; and ')}. This run is let through on purpose and recorded.`,
    }
  }
  const first = signals[0]!
  const also = signals.slice(1).map((s) => s.says)
  const override = name === undefined
    ? `${OVERRIDE_VARIABLE} cannot let it through: no database was found to name.`
    : allowed
      ? `${OVERRIDE_VARIABLE}=${allowed} does not name this database: it must be exactly \`${name}\`.`
      : `In a real emergency, run it again with ${OVERRIDE_VARIABLE}=${name} (the exact database name): the run is announced and recorded in the database's marker.`
  const message =
    `seedguard: refusing to run ${what}: ${first.says}${also.length ? ` (also: ${also.join('; ')})` : ''}. ` +
    `Seeds and resets must not reach production data. If this is not production, ${first.fix}. ${override}`
  return { verdict: 'refuse', message }
}

/** the name SEEDGUARD_ALLOW_PRODUCTION must hold: the database's own, or the SQLite file's or PGlite directory's name */
export function databaseName(database: GuardedDatabase): string | undefined {
  const { target } = database
  return target.database ?? (target.path ? basename(target.path) : undefined)
}

function described(database: GuardedDatabase): string {
  return `${database.target.masked} (from ${database.source})`
}

function markerSignals(inputs: GuardInputs): Signal[] {
  const marker = inputs.marker && 'marker' in inputs.marker ? inputs.marker.marker : undefined
  if (!marker || classifyEnvironmentName(marker.environment, inputs.config) !== 'production') return []
  return [{
    says: `${described(inputs.database!)} is marked \`${marker.environment}\` (seedguard protect, ${marker.protectedAt} by ${marker.protectedBy})`,
    fix: 'remove its marker (`seedguard protect --db <url> --remove`) or point the command at the database you mean',
  }]
}

function environmentSignals(env: GuardInputs['env'], config: SeedguardConfig): Signal[] {
  return RUNTIME_ENV_VARIABLES.filter((name) => env[name] !== undefined && classifyEnvironmentName(env[name]!, config) === 'production').map((name) => ({
    says: `${name}=${env[name]} says this environment is production`,
    fix: `unset ${name} or set it to the environment this is`,
  }))
}

function databaseSignals(database: GuardedDatabase, config: SeedguardConfig): Signal[] {
  const { host, database: name } = database.target
  const signals: Signal[] = []
  const fix = 'correct production-database-hosts / production-database-names in .seedguard.yml'
  const hostPattern = host && config.productionDatabaseHosts.find((glob) => picomatch.isMatch(host.toLowerCase(), glob.toLowerCase()))
  if (hostPattern) signals.push({ says: `the database host ${host} matches production-database-hosts \`${hostPattern}\` in .seedguard.yml`, fix })
  const own = databaseName(database)
  const namePattern = own !== undefined && config.productionDatabaseNames.find((glob) => picomatch.isMatch(own, glob))
  if (namePattern) signals.push({ says: `the database name ${own} matches production-database-names \`${namePattern}\` in .seedguard.yml`, fix })
  else if (name !== undefined && nameVerdict(name, config) === 'production') {
    signals.push({ says: `the database name ${name} names production`, fix: 'point the command at the database you mean (or rename it: the name says production)' })
  }
  return signals
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]'])

/** the run is known to be local: a file database, a loopback server or a socket, or a variable that names a non-production environment */
function knownLocal(env: GuardInputs['env'], database: GuardedDatabase, config: SeedguardConfig): boolean {
  const { dialect, host } = database.target
  if (dialect === 'sqlite' || dialect === 'pglite' || (host !== undefined && (LOCAL_HOSTS.has(host) || host.startsWith('/')))) return true
  // NODE_ENV=development is set in production builds to install devDependencies (as src/production/evidence.ts weighs it)
  return RUNTIME_ENV_VARIABLES.some((name) => name !== 'NODE_ENV' && env[name] !== undefined && classifyEnvironmentName(env[name]!, config) === 'not-production')
}
