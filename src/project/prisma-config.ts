// https://www.prisma.io/docs/orm/reference/prisma-config-reference#migrationsseed
import type { PackageScript } from './packages.js'
import { alignValue } from '../util/offset-map.js'
import type { FileCache } from './files.js'
import { importBabelParser } from '../util/on-demand.js'

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
type AstNode = { type: string; start?: number | null; end?: number | null; [key: string]: unknown }

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
  const literal = seed.type === 'StringLiteral' ? (seed.value as string) : seed.type === 'TemplateLiteral' && (seed.expressions as unknown[]).length === 0 ? ((seed.quasis as AstNode[])[0]!.value as { cooked: string }).cooked : undefined
  if (literal === undefined || seed.start == null || seed.end == null) return { unreadable: '`migrations.seed` is computed' }
  const lines = cache.get(file)!
  return { seed: { name: 'migrations.seed', source: { text: literal, offsets: alignValue(literal, text, seed.start + 1, seed.end - 1), file, shell: 'sh' }, span: lines.span(seed.start, seed.end) } }
}

/** `export default X`, `module.exports = X`, `export = X` */
function exportedValue(body: AstNode[]): AstNode | undefined {
  for (const statement of body) {
    if (statement.type === 'ExportDefaultDeclaration') return statement.declaration as AstNode
    if (statement.type === 'TSExportAssignment') return statement.expression as AstNode
    const expression = statement.type === 'ExpressionStatement' ? (statement.expression as AstNode) : undefined
    const left = expression?.type === 'AssignmentExpression' ? (expression.left as AstNode) : undefined
    if (left?.type === 'MemberExpression' && (left.object as AstNode).name === 'module' && (left.property as AstNode).name === 'exports') return expression!.right as AstNode
  }
  return undefined
}

/** Sees through `defineConfig({...})`, `satisfies`/`as`, parentheses and a `const config = {...}` binding. */
function resolve(node: AstNode | undefined, body: AstNode[], depth = 0): AstNode | undefined {
  if (!node || depth > 8) return node
  switch (node.type) {
    case 'CallExpression':
      return (node.arguments as AstNode[]).length === 1 ? resolve((node.arguments as AstNode[])[0], body, depth + 1) : node
    case 'TSSatisfiesExpression':
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'ParenthesizedExpression':
      return resolve(node.expression as AstNode, body, depth + 1)
    case 'Identifier':
      return resolve(bindingOf(node.name as string, body), body, depth + 1) ?? node
    default:
      return node
  }
}

function bindingOf(name: string, body: AstNode[]): AstNode | undefined {
  for (const statement of body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? (statement.declaration as AstNode | null) : statement
    if (declaration?.type !== 'VariableDeclaration') continue
    for (const declarator of declaration.declarations as AstNode[]) if ((declarator.id as AstNode).name === name) return (declarator.init as AstNode | null) ?? undefined
  }
  return undefined
}

function property(object: AstNode, key: string): AstNode | undefined {
  for (const prop of object.properties as AstNode[]) {
    if (prop.type !== 'ObjectProperty' || prop.computed) continue
    const k = prop.key as AstNode
    if (k.name === key || k.value === key) return prop.value as AstNode
  }
  return undefined
}
