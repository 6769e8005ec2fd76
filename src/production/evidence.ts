import type { SeedguardConfig } from '../config/types.js'
import type { ProductionReason, Verdict } from '../model/production.js'
import { RUNTIME_ENV_VARIABLES } from '../model/runtime.js'
import type { Span } from '../model/span.js'

/**
 * Evidence shared by every source: what an environment name, a database URL or a `*_ENV`
 * variable says about production. Sources attach it to contexts and steps; production.ts weighs it.
 */
export function classifyEnvironmentName(name: string, config: SeedguardConfig): Verdict {
  const lower = name.trim().toLowerCase()
  const words = lower.split(/[^a-z0-9]+/).filter(Boolean)
  const { prod, nonProd } = environmentNamesOf(config)
  if (prod.has(lower)) return 'production'
  if (nonProd.has(lower) || words.some((w) => nonProd.has(w))) return 'not-production'
  // `production-eu`, `prod_us`: a production name with a region or suffix
  if (words.some((w) => prod.has(w))) return 'production'
  return 'unknown'
}

/** the verdict of the words of a name (`docker-compose.prod`, `fly.staging.toml myapp-dev`) */
export function nameVerdict(name: string, config: SeedguardConfig): Verdict {
  const verdicts = name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => classifyEnvironmentName(w, config))
  return verdicts.includes('not-production') ? 'not-production' : verdicts.includes('production') ? 'production' : 'unknown'
}

const environmentNames = new WeakMap<SeedguardConfig, { prod: Set<string>; nonProd: Set<string> }>()

/** the configured names in lower case, once per config: every step and image name is classified */
function environmentNamesOf(config: SeedguardConfig): { prod: Set<string>; nonProd: Set<string> } {
  let names = environmentNames.get(config)
  if (!names) {
    names = { prod: new Set(config.productionEnvironments.map((n) => n.toLowerCase())), nonProd: new Set(config.nonProductionEnvironments.map((n) => n.toLowerCase())) }
    environmentNames.set(config, names)
  }
  return names
}

// libpq's own variables (PGHOST, PGDATABASE …) name the database psql, Rails and Django connect to:
// https://www.postgresql.org/docs/current/libpq-envars.html
const DATABASE_VARIABLE = /(^|_)(DATABASE|DB|POSTGRES|POSTGRESQL|PG|MYSQL|MONGO|MONGODB|REDIS)(_|$)|^DIRECT_URL$|DATABASE_URL|^PG(HOST|HOSTADDR|DATABASE|SERVICE)$|^(FLYWAY|LIQUIBASE_COMMAND|SPRING_DATASOURCE|SPRING_FLYWAY|SPRING_LIQUIBASE)_URL$/i
// a host variable holds a bare host name, not a URL
const LOCAL_HOST_NAME = /^(localhost|127\.0\.0\.1|0\.0\.0\.0|::1)(:\d+)?$/i
const LOCAL_HOST = /(@|\/\/)(localhost|127\.0\.0\.1|0\.0\.0\.0|\[?::1\]?|host\.docker\.internal)([:/]|$)/i
const LOCAL_FILE = /^file:|^sqlite:|\.db$|\.sqlite3?$/i
// scratch space of a build or a container, never part of what ships: https://refspecs.linuxfoundation.org/FHS_3.0/fhs/ch03s18.html
const TEMPORARY_PATH = /^\/(tmp|var\/tmp|dev\/shm|run)(\/|$)/
const DEVELOPER_HOST = /(@|\/\/)host\.docker\.internal([:/]|$)/i

/** the file of a SQLite URL (`file:/app/data/db.sqlite?mode=rwc`, `sqlite:///app/app.db`) */
function sqlitePath(url: string): string {
  return url.replace(/^(file:|sqlite:)(\/\/(?=\/))?/i, '').replace(/[?#].*$/, '')
}

/** a variable named for a database (`DATABASE_URL`, `PG_HOST`, `POSTGRES_DB`, `DIRECT_URL`) */
export function namesDatabase(name: string): boolean {
  return DATABASE_VARIABLE.test(name)
}

/** `DATABASE_URL`, `PG_HOST`, `MONGO_URI`: where a command's database is, not how it behaves */
export function isDatabaseConnection(name: string): boolean {
  return namesDatabase(name) && /URL|URI|HOST|DSN|CONNECTION/i.test(name)
}

/**
 * What a step's database settings say: a local/service database is not production; a secret one may
 * be. `insideApp`: the commands run inside the deployed app's own container, where a SQLite file or a
 * database on 127.0.0.1 (an all-in-one image that runs its database beside the app) is its real data.
 */
export function databaseReasons(env: Record<string, string>, services: string[], config: SeedguardConfig, span: Span, insideApp: boolean | 'image' = false): ProductionReason[] {
  const reasons: ProductionReason[] = []
  for (const [name, value] of Object.entries(env)) {
    if (!isDatabaseConnection(name)) continue
    // `<secret X>` from a workflow's env; `${{ secrets.X }}` as written in a `run:` line
    const secret = /<secret ([^>]+)>|\$\{\{\s*secrets\.([\w]+)\s*\}\}/.exec(value)?.slice(1).find((s) => s !== undefined)
    // a SQLite file or a loopback database is a throwaway in a CI job, but the app's own data inside a
    // deployed container; the host machine's database (host.docker.internal) is a developer's
    const local = LOCAL_HOST.test(value) || LOCAL_FILE.test(value) || (/HOST(ADDR)?$/i.test(name) && LOCAL_HOST_NAME.test(value.trim()))
    // an image build writes its files into the image: a SQLite file outside a temporary directory is
    // shipped with it, the database the app then starts on; a server on 127.0.0.1 there is gone with the build
    if (insideApp === 'image' && LOCAL_FILE.test(value) && !TEMPORARY_PATH.test(sqlitePath(value))) {
      reasons.push({ kind: 'database', towards: true, detail: `${name} is a SQLite file the build writes into the image (${redact(value)}): it ships as the app's production database`, span })
    } else if ((insideApp === true ? DEVELOPER_HOST.test(value) : local) || services.some((s) => new RegExp(`(@|//)${s}[:/]`).test(value) || value === s)) {
      reasons.push({ kind: 'database', towards: false, detail: `${name} points at a local database (${redact(value)})`, span })
    } else if (insideApp === true && local) {
      const what = LOCAL_FILE.test(value) ? 'is a SQLite file in the deployed container' : 'points at a database the deployed container runs beside the app'
      reasons.push({ kind: 'database', towards: true, detail: `${name} ${what} (${redact(value)}): the app's own production database`, span })
    } else if (secret) {
      const verdict = classifyEnvironmentName(secret.replace(/_?(DATABASE|DB|URL|URI|DIRECT|POSTGRES|CONNECTION|STRING)_?/gi, '_'), config)
      if (verdict === 'not-production') reasons.push({ kind: 'database', towards: false, detail: `${name} comes from secret ${secret}, named for a non-production database`, span })
      else reasons.push({ kind: 'database', towards: true, detail: `${name} comes from secret ${secret}${verdict === 'production' ? ', named for production' : ''}`, span })
    }
  }
  return reasons
}

export function envVarReasons(env: Record<string, string>, config: SeedguardConfig, span: Span): ProductionReason[] {
  const reasons: ProductionReason[] = []
  for (const name of RUNTIME_ENV_VARIABLES) {
    const value = env[name]
    if (value === undefined || value.includes('<secret')) continue
    const verdict = classifyEnvironmentName(value, config)
    // NODE_ENV=production is common in test and build jobs too: it is a hint, never proof
    if (verdict === 'production') reasons.push({ kind: 'env-var', towards: true, detail: `${name}=${value}`, span })
    // RAILS_ENV=staging, APP_ENV=test name the environment the app runs as: as decisive as a
    // GitHub environment. NODE_ENV=development is set in production builds to install devDependencies.
    else if (verdict === 'not-production' && name !== 'NODE_ENV') reasons.push({ kind: 'environment', towards: false, detail: `${name}=${value}`, span })
  }
  return reasons
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@')
}
