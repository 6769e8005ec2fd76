// https://www.prisma.io/docs/orm/reference/prisma-config-reference#migrationsseed
import type { PackageScript } from './packages.js'
import { alignValue } from '../util/offset-map.js'
import type { FileCache } from './files.js'
import { importBabelParser } from '../util/on-demand.js'
import { exportedValue, literalString, property, resolve, type AstNode } from '../util/js-config.js'

/** What a prisma.config.* file says about seeding. */
export interface PrismaConfigFacts {
  /** `migrations.seed` as a literal string; undefined when absent */
  seed?: PackageScript
  /** the config is computed (a variable, a call, a template with expressions) and cannot be read statically */
  unreadable?: string
}

export const PRISMA_CONFIG_FILES = ['prisma.config', '.config/prisma'].flatMap((base) => ['ts', 'mts', 'cts', 'js', 'mjs', 'cjs'].map((ext) => `${base}.${ext}`))

const CANDIDATE = /(^|\/)prisma(\.config)?\.[cm]?[jt]s$/

type BabelParse = typeof import('@babel/parser').parse

/**
 * Reads every prisma.config.* in the tree with a real TypeScript parser. The parser is loaded only
 * when such a file exists, so repositories without one pay nothing for it at start-up.
 */
export async function loadPrismaConfigs(cache: FileCache): Promise<Map<string, PrismaConfigFacts>> {
  // the standard names, and any prisma*.ts a `--config` may name (`config/prisma.ts`) that sets migrations
  const files = cache.files.list().filter((path) => PRISMA_CONFIG_FILES.some((name) => path === name || path.endsWith(`/${name}`)) || (CANDIDATE.test(path) && cache.get(path)?.text.includes('migrations')))
  const out = new Map<string, PrismaConfigFacts>()
  if (files.length === 0) return out
  const { parse } = await importBabelParser()
  for (const file of files) {
    const lines = cache.get(file)
    if (lines) out.set(file, readPrismaConfig(parse, lines.text, file, cache))
  }
  return out
}

function readPrismaConfig(parse: BabelParse, text: string, file: string, cache: FileCache): PrismaConfigFacts {
  let program: AstNode
  try {
    program = parse(text, { sourceType: 'unambiguous', plugins: ['typescript'], errorRecovery: true }).program as unknown as AstNode
  } catch (error) {
    return { unreadable: `cannot parse: ${(error as Error).message}` }
  }
  const body = program.body as AstNode[]
  const config = resolve(exportedValue(body), body)
  if (config?.type !== 'ObjectExpression') return { unreadable: 'the exported config is not an object literal' }
  const migrations = resolve(property(config, 'migrations'), body)
  if (!migrations) return {}
  if (migrations.type !== 'ObjectExpression') return { unreadable: '`migrations` is computed' }
  const seed = property(migrations, 'seed')
  if (!seed) return {}
  const literal = literalString(seed)
  if (literal === undefined) return { unreadable: '`migrations.seed` is computed' }
  const lines = cache.get(file)!
  return { seed: { name: 'migrations.seed', source: { text: literal.value, offsets: alignValue(literal.value, text, literal.start, literal.end), file, shell: 'sh' }, span: lines.span(literal.start - 1, literal.end + 1) } }
}
