import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { resolveDatabaseUrl } from './env.js'
import { readPrismaSchema, type PrismaSchemaFacts } from './prisma-schema.js'
import { parseDatabaseUrl, type DatabaseTarget } from './url.js'

export interface LocatedDatabase {
  target: DatabaseTarget
  /** where the URL came from, for messages: `--db`, `$DATABASE_URL`, `.env (DATABASE_URL)` */
  source: string
  prisma?: PrismaSchemaFacts
}

export interface LocateOptions {
  flag?: string
  /** --prisma-schema; default: prisma/schema.prisma when it is there */
  prismaSchema?: string
  env: NodeJS.ProcessEnv
  cwd: string
  /** only the variable the project's own commands read, not $SEEDGUARD_DATABASE_URL (see resolveDatabaseUrl) */
  commandOnly?: boolean
}

/**
 * The database a command works on, found as Prisma finds it: `--db`, the environment, a .env file,
 * with `file:` URLs relative to the Prisma schema. Undefined when nothing names one; throws
 * ConnectionError for a URL that cannot be read and PrismaSchemaError for a schema that cannot.
 */
export async function locateDatabase(options: LocateOptions): Promise<LocatedDatabase | undefined> {
  const prisma = await loadPrisma(options.prismaSchema, options.cwd)
  const found = resolveDatabaseUrl({ flag: options.flag, env: options.env, cwd: options.cwd, schemaDir: prisma && dirname(prisma.file), variable: prisma?.urlVariable, commandOnly: options.commandOnly })
  if (!found) return undefined
  const target = parseDatabaseUrl(found.url, prisma && /^file:/i.test(found.url) ? dirname(prisma.file) : options.cwd)
  return { target, source: found.source, ...(prisma ? { prisma } : {}) }
}

/** --prisma-schema, or prisma/schema.prisma when it is there and the parser is installed */
export async function loadPrisma(path: string | undefined, cwd: string): Promise<PrismaSchemaFacts | undefined> {
  if (path) return readPrismaSchema(resolve(cwd, path))
  const standard = resolve(cwd, 'prisma', 'schema.prisma')
  if (!existsSync(standard)) return undefined
  return readPrismaSchema(standard).catch(() => undefined)
}
