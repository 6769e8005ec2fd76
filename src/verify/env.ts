// https://www.prisma.io/docs/orm/more/development-environment/environment-variables/env-files
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'dotenv'

export interface ResolvedUrl {
  url: string
  /** where it came from, for messages: `--db`, `$DATABASE_URL`, `.env (DATABASE_URL)` */
  source: string
}

export interface UrlSources {
  flag?: string
  env: NodeJS.ProcessEnv
  cwd: string
  /** the directory of the Prisma schema, where Prisma also looks for a .env */
  schemaDir?: string
  /** the variable the Prisma datasource names in `url = env("…")`; DATABASE_URL by default */
  variable?: string
  /**
   * only the variable the project's commands read: a guard asks which database a seed will write
   * to, and $SEEDGUARD_DATABASE_URL names the one seedguard verifies, which may be another
   */
  commandOnly?: boolean
}

/**
 * `--db`, then $SEEDGUARD_DATABASE_URL, then $DATABASE_URL (or the variable the Prisma schema
 * names), then a .env file where Prisma reads one: the project root, prisma/, the schema's folder.
 */
export function resolveDatabaseUrl(sources: UrlSources): ResolvedUrl | undefined {
  const variable = sources.variable ?? 'DATABASE_URL'
  const names = sources.commandOnly ? [variable] : ['SEEDGUARD_DATABASE_URL', variable]
  if (sources.flag) return { url: sources.flag, source: '--db' }
  for (const name of names) {
    const value = sources.env[name]
    if (value) return { url: value, source: `$${name}` }
  }
  const dirs = [sources.cwd, join(sources.cwd, 'prisma'), ...(sources.schemaDir ? [sources.schemaDir] : [])]
  for (const dir of [...new Set(dirs)]) {
    const file = join(dir, '.env')
    if (!existsSync(file)) continue
    const parsed = parse(readFileSync(file))
    for (const name of names) {
      const value = parsed[name]
      if (value) return { url: expand(value, parsed, sources.env), source: `${file === join(sources.cwd, '.env') ? '.env' : file} (${name})` }
    }
  }
  return undefined
}

/** dotenv-expand's `${VAR}` and `$VAR`, which Prisma applies to .env values */
function expand(value: string, file: Record<string, string>, env: NodeJS.ProcessEnv, depth = 0): string {
  if (depth > 8) return value
  return value.replace(/\\?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (match, name: string) => {
    if (match.startsWith('\\')) return match.slice(1)
    const found = env[name] ?? file[name]
    return found === undefined ? '' : expand(found, file, env, depth + 1)
  })
}
