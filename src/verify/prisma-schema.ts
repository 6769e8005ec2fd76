// https://www.prisma.io/docs/orm/reference/prisma-schema-reference#map
// Parsed with @mrleebo/prisma-ast (a chevrotain grammar of the Prisma schema language), loaded
// only when a schema is given.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

export interface PrismaField {
  name: string
  column: string
  type: string
  /** DateTime @default(now()) */
  createdNow: boolean
  /** DateTime @updatedAt */
  updatedAt: boolean
  relation?: { model: string; fields: string[]; references: string[] }
}

export interface PrismaModel {
  name: string
  table: string
  schema?: string
  fields: PrismaField[]
}

export interface PrismaSchemaFacts {
  file: string
  provider?: string
  /** the variable in `url = env("…")` */
  urlVariable?: string
  models: PrismaModel[]
}

// The subset of @mrleebo/prisma-ast's AST read here (its getSchema() result).
interface AstAttribute { type: 'attribute'; name: string; kind: string; args?: Array<{ value: unknown }> }
interface AstProperty { type: string; name?: string; fieldType?: unknown; attributes?: AstAttribute[]; kind?: string; args?: Array<{ value: unknown }>; key?: string; value?: unknown }
interface AstBlock { type: string; name: string; properties?: AstProperty[]; assignments?: AstProperty[] }
type GetSchema = (source: string) => { list: AstBlock[] }

export class PrismaSchemaError extends Error {
  override name = 'PrismaSchemaError'
}

/** Reads a schema file, or a folder of .prisma files (prismaSchemaFolder), into models and tables. */
export async function readPrismaSchema(path: string): Promise<PrismaSchemaFacts> {
  let getSchema: GetSchema
  try {
    // `as string` keeps tsc from resolving the module; esbuild still sees the literal and bundles it
    ;({ getSchema } = (await import('@mrleebo/prisma-ast' as string)) as { getSchema: GetSchema })
  } catch {
    throw new PrismaSchemaError('--prisma-schema needs the @mrleebo/prisma-ast package (npm install @mrleebo/prisma-ast)')
  }
  const files = statSync(path).isDirectory() ? listPrismaFiles(path) : [path]
  const facts: PrismaSchemaFacts = { file: path, models: [] }
  for (const file of files) {
    let blocks: AstBlock[]
    try {
      blocks = getSchema(readFileSync(file, 'utf8')).list
    } catch (error) {
      const e = error as { message: string; token?: { startLine?: number; startColumn?: number } }
      const at = e.token?.startLine ? `:${e.token.startLine}:${e.token.startColumn ?? 1}` : ''
      throw new PrismaSchemaError(`${file}${at}: cannot parse the Prisma schema: ${e.message.split('\n')[0]}`)
    }
    readBlocks(blocks, facts)
  }
  return facts
}

/** The model list, given the parser's AST (separate so it can be tested without the parser). */
export function readBlocks(blocks: AstBlock[], facts: PrismaSchemaFacts): void {
  for (const block of blocks) {
    if (block.type === 'datasource') {
      for (const a of block.assignments ?? []) {
        if (a.type !== 'assignment') continue
        if (a.key === 'provider') facts.provider = unquote(a.value)
        const value = a.value as { type?: string; name?: string; params?: unknown[] }
        if (a.key === 'url' && value?.type === 'function' && value.name === 'env') facts.urlVariable = unquote(value.params?.[0])
      }
    }
    if (block.type !== 'model') continue
    const model: PrismaModel = { name: block.name, table: block.name, fields: [] }
    for (const p of block.properties ?? []) {
      if (p.type === 'attribute' && p.kind === 'object') {
        if (p.name === 'map') model.table = argument(p.args, 'name') ?? model.table
        if (p.name === 'schema') model.schema = argument(p.args, 'name')
      }
      if (p.type !== 'field' || !p.name) continue
      const type = typeof p.fieldType === 'string' ? p.fieldType : ''
      const attrs = p.attributes ?? []
      const attr = (name: string) => attrs.find((a) => a.name === name && a.kind === 'field')
      const defaultValue = attr('default')?.args?.[0]?.value as { type?: string; name?: string } | undefined
      const relation = attr('relation')
      const fields = listArgument(relation?.args, 'fields')
      model.fields.push({
        name: p.name,
        column: argument(attr('map')?.args, 'name') ?? p.name,
        type,
        createdNow: type === 'DateTime' && defaultValue?.type === 'function' && defaultValue.name === 'now',
        updatedAt: type === 'DateTime' && attr('updatedAt') !== undefined,
        ...(relation && fields.length ? { relation: { model: type, fields, references: listArgument(relation.args, 'references') } } : {}),
      })
    }
    facts.models.push(model)
  }
}

function listPrismaFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.prisma'))
    .sort()
    .map((f) => join(dir, f))
}

/** the first positional argument, or the named one: @map("x") / @map(name: "x") */
function argument(args: Array<{ value: unknown }> | undefined, name: string): string | undefined {
  for (const arg of args ?? []) {
    const v = arg.value as { type?: string; key?: string; value?: unknown }
    if (typeof arg.value === 'string') return unquote(arg.value)
    if (v?.type === 'keyValue' && v.key === name) return unquote(v.value)
  }
  return undefined
}

function listArgument(args: Array<{ value: unknown }> | undefined, name: string): string[] {
  for (const arg of args ?? []) {
    const v = arg.value as { type?: string; key?: string; value?: { type?: string; args?: unknown[] } }
    if (v?.type === 'keyValue' && v.key === name && v.value?.type === 'array') return (v.value.args ?? []).map((x) => unquote(x) ?? '').filter(Boolean)
  }
  return []
}

function unquote(value: unknown): string | undefined {
  return typeof value === 'string' ? value.replace(/^"(.*)"$/s, '$1') : undefined
}
