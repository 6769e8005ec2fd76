import { ConfigError } from '../config/load.js'
import type { SeedguardConfig } from '../config/types.js'
import { readMarker } from '../protect/marker.js'
import { operator } from '../protect/operator.js'
import { openWritable } from '../protect/writable.js'
import { recordOverride } from '../protect/write.js'
import { connect } from '../verify/dialects/index.js'
import { locateDatabase, type LocatedDatabase } from '../verify/locate.js'
import { maskUrl, scrub, type DatabaseTarget } from '../verify/url.js'
import { projectConfig } from './config.js'
import { decide, OVERRIDE_VARIABLE, type GuardDecision, type MarkerReading } from './decision.js'

export interface SeedSafetyOptions {
  /** the database the seed will use; default: $DATABASE_URL (or the Prisma schema's variable), a .env file as Prisma reads it */
  db?: string
  /** the Prisma schema that names the database's variable; default: prisma/schema.prisma */
  prismaSchema?: string
  /** default: process.cwd() */
  cwd?: string
  /** default: process.env */
  env?: NodeJS.ProcessEnv
  /** what is about to run, for messages: `npm run seed` */
  action?: string
}

/** the marker is one tiny read: a database slower than this to answer is treated as unreachable */
const MARKER_STATEMENT_MS = 3_000
const MARKER_CONNECT_MS = 5_000

/**
 * Gathers what the decision needs (the project's settings, the database the command will use and
 * its marker, read on a read-only session with a short timeout) and decides. Never throws: what
 * cannot be read refuses or is said in the decision.
 */
export async function assessSeedSafety(options: SeedSafetyOptions = {}): Promise<{ decision: GuardDecision; database?: LocatedDatabase }> {
  const cwd = options.cwd ?? process.cwd()
  const env = options.env ?? process.env
  const refuse = (why: string): { decision: GuardDecision } => ({ decision: { verdict: 'refuse', message: `seedguard: refusing to run ${options.action ? `\`${options.action}\`` : 'a seed'}: ${why}.` } })
  let config: SeedguardConfig
  try {
    config = projectConfig(cwd)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    return refuse(`the project's seedguard settings cannot be read (${error.message}); fix them, the guard decides nothing without them`)
  }
  let database: LocatedDatabase | undefined
  try {
    database = await locateDatabase({ flag: options.db, prismaSchema: options.prismaSchema, env, cwd, commandOnly: true })
  } catch (error) {
    return refuse(`the database the command will use cannot be read: ${scrub(firstLine(error), urlSecrets(options.db))}`)
  }
  const marker = database && (await readMarkerOf(database.target))
  return { decision: decide({ env, config, database, marker, action: options.action }), database }
}

async function readMarkerOf(target: DatabaseTarget): Promise<MarkerReading> {
  try {
    const client = await connect(target, { timeoutMs: MARKER_STATEMENT_MS, connectTimeoutMs: MARKER_CONNECT_MS })
    try {
      return { marker: await readMarker(client) }
    } finally {
      await client.close().catch(() => {})
    }
  } catch (error) {
    return { unreadable: scrub(firstLine(error), target.secrets) }
  }
}

/**
 * Appends the run to the marker's override audit. Returns what to say when it could not be
 * recorded (a role that may only read, a database without a marker): the run was let through all the same.
 */
async function recordOverrideRun(target: DatabaseTarget, action: string, env: NodeJS.ProcessEnv, now = new Date()): Promise<string | undefined> {
  const line = `${now.toISOString()} ${operator(env)} ${OVERRIDE_VARIABLE}: ${action.split(' ').map((word) => (/:\/\/[^/]*@/.test(word) ? maskUrl(word) : word)).join(' ')}`
  try {
    const session = await openWritable(target, MARKER_CONNECT_MS)
    try {
      return (await recordOverride(session, line)) ? undefined : 'the database has no marker table to record this override in'
    } finally {
      await session.close().catch(() => {})
    }
  } catch (error) {
    return `this override could not be recorded in the marker table: ${scrub(firstLine(error), target.secrets)}`
  }
}

function firstLine(error: unknown): string {
  return ((error as Error).message ?? String(error)).split('\n')[0]!
}

/** a --db URL that failed to parse may still hold a password */
function urlSecrets(url: string | undefined): string[] {
  const password = url && /\/\/[^:/@]*:([^@]*)@/.exec(url)?.[1]
  return password ? [password] : []
}

/**
 * What the decision means before the command runs: its notes, or the override's announcement and
 * its record in the marker. Resolves to the refusal's paragraph, or undefined when the command may run.
 */
export async function admit(assessment: { decision: GuardDecision; database?: LocatedDatabase }, action: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<string | undefined> {
  const { decision, database } = assessment
  if (decision.verdict === 'refuse') return decision.message
  if (decision.verdict === 'allow') {
    for (const note of decision.notes) log(`seedguard: note: ${note}`)
    return undefined
  }
  log(`\n!!! seedguard: PRODUCTION OVERRIDE !!!\n${decision.message}\n`)
  const problem = await recordOverrideRun(database!.target, action, env)
  if (problem) log(`seedguard: warning: ${problem}`)
  return undefined
}
