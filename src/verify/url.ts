import { existsSync, statSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import type { DialectId } from './dialects/types.js'
import { ConnectionError } from './dialects/types.js'

/** Where to connect, read from a database URL; `masked` is the only form that may be printed. */
export interface DatabaseTarget {
  dialect: DialectId
  /** the URL as given: never print it */
  url: string
  masked: string
  /** every substring that must never reach output (password, its URL-encoded form, secret params) */
  secrets: string[]
  /** sqlite and pglite: the database file or directory ('' for an in-memory PGlite) */
  path?: string
  host?: string
  port?: number
  database?: string
  user?: string
}

const SECRET_PARAMS = /^(password|pass|pwd|sslpassword|sslkey|secret|token|access_token|auth_token)$/i

/**
 * Reads `postgres://`, `postgresql://`, `mysql://`, `mariadb://`, `sqlite:`/`file:` paths (as
 * Prisma writes them: `file:./dev.db`, relative to `baseDir`) and `pglite:<dir>`.
 */
export function parseDatabaseUrl(url: string, baseDir: string): DatabaseTarget {
  const text = url.trim()
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase()
  if (scheme === 'sqlite' || scheme === 'file') {
    const path = stripQuery(text.replace(/^(sqlite|file):(\/\/(?=\/))?/i, '').replace(/^\/\/(?!\/)/, ''))
    if (!path) throw new ConnectionError('a sqlite: URL needs a file path (sqlite:./dev.db)')
    const full = isAbsolute(path) ? path : resolve(baseDir, path)
    return { dialect: 'sqlite', url, masked: `sqlite:${full}`, secrets: [], path: full }
  }
  if (scheme === 'pglite') {
    const path = stripQuery(text.slice('pglite:'.length).replace(/^\/\/(?=\/)/, ''))
    const memory = path === '' || path === 'memory:' || path === 'memory://'
    const full = memory ? '' : isAbsolute(path) ? path : resolve(baseDir, path)
    return { dialect: 'pglite', url, masked: `pglite:${memory ? 'memory:' : full}`, secrets: [], path: full }
  }
  if (scheme === 'postgres' || scheme === 'postgresql' || scheme === 'mysql' || scheme === 'mariadb') {
    let parsed: URL
    try {
      parsed = new URL(text)
    } catch {
      // the URL itself may hold the password: say only which part is wrong
      throw new ConnectionError(`cannot read the ${scheme}:// URL (check its quoting and percent-encoding)`)
    }
    const dialect: DialectId = scheme === 'mysql' || scheme === 'mariadb' ? 'mysql' : 'postgres'
    const secrets: string[] = []
    if (parsed.password) secrets.push(parsed.password, safeDecode(parsed.password))
    for (const [key, value] of parsed.searchParams) if (SECRET_PARAMS.test(key) && value) secrets.push(value, encodeURIComponent(value))
    return {
      dialect,
      url,
      masked: maskUrl(text),
      secrets: unique(secrets),
      host: parsed.hostname || 'localhost',
      port: parsed.port ? Number(parsed.port) : dialect === 'mysql' ? 3306 : 5432,
      database: safeDecode(parsed.pathname.replace(/^\//, '')) || undefined,
      user: parsed.username ? safeDecode(parsed.username) : undefined,
    }
  }
  const suggestion = scheme ? undefined : suggestScheme(text, baseDir)
  if (suggestion) throw new ConnectionError(`\`${text}\` is a path, not a database URL: pass \`${suggestion}\``)
  throw new ConnectionError(`unsupported database URL${scheme ? ` scheme \`${scheme}:\`` : ''}: use postgres://, mysql://, sqlite:<file> or pglite:<dir>`)
}

/**
 * The URL a bare path was meant as: a PGlite directory, or a SQLite file (one that exists, or a
 * name SQLite files go by). Anything else is not echoed: it may be a URL holding a password.
 */
function suggestScheme(path: string, baseDir: string): string | undefined {
  const full = resolve(baseDir, path)
  const stat = statSync(full, { throwIfNoEntry: false })
  if (stat?.isDirectory()) return existsSync(join(full, 'PG_VERSION')) ? `pglite:${path}` : undefined
  return stat?.isFile() || /\.(db|db3|sqlite|sqlite3)$/i.test(path) ? `sqlite:${path}` : undefined
}

/** The URL with its password and secret query parameters replaced by `****`. */
export function maskUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    // not a URL we can take apart: mask anything between `:` and `@` after the scheme
    return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1****@')
  }
  if (parsed.password) parsed.password = '****'
  for (const key of [...parsed.searchParams.keys()]) if (SECRET_PARAMS.test(key)) parsed.searchParams.set(key, '****')
  return parsed.toString().replace(/%2A%2A%2A%2A/g, '****')
}

/** `text` with every secret replaced by `****`: for driver errors, which may quote the URL. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) if (secret.length >= 1) out = out.split(secret).join('****')
  return out
}

function stripQuery(path: string): string {
  const q = path.indexOf('?')
  return safeDecode(q < 0 ? path : path.slice(0, q))
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

function unique(list: string[]): string[] {
  return [...new Set(list.filter(Boolean))]
}
