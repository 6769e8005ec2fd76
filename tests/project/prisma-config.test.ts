import { describe, expect, it } from 'vitest'
import { FileCache, MemoryFiles } from '../../src/project/files.js'
import { loadPrismaConfigs } from '../../src/project/prisma-config.js'

async function factsOf(file: string, text: string) {
  return (await loadPrismaConfigs(new FileCache(MemoryFiles.of({ [file]: text })))).get(file)
}

describe('prisma.config.ts through the TypeScript parser', () => {
  it.each([
    ['defineConfig', "import { defineConfig } from 'prisma/config'\nexport default defineConfig({\n  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },\n})\n"],
    ['satisfies', "import type { PrismaConfig } from 'prisma'\nexport default {\n  migrations: { seed: 'tsx prisma/seed.ts' },\n} satisfies PrismaConfig\n"],
    ['a const binding', "const config = defineConfig({ migrations: { seed: `tsx prisma/seed.ts` } } as const)\nexport default config\n"],
    ['module.exports', "module.exports = { migrations: { seed: \"tsx prisma/seed.ts\" } }\n"],
    ['a shared migrations object', "const migrations = { seed: 'tsx prisma/seed.ts' }\nexport default defineConfig({ migrations })\n"],
  ])('reads migrations.seed from %s', async (_, text) => {
    const facts = await factsOf('prisma.config.ts', text)
    expect(facts?.seed?.source.text).toBe('tsx prisma/seed.ts')
    const start = facts!.seed!.source.offsets(0)
    expect(text.slice(start, start + 'tsx prisma/seed.ts'.length)).toBe('tsx prisma/seed.ts')
  })

  it('keeps exact offsets past escapes', async () => {
    const text = "export default { migrations: { seed: 'node -e \\'1\\' && tsx seed.ts' } }\n"
    const facts = await factsOf('prisma.config.ts', text)
    expect(facts?.seed?.source.text).toBe("node -e '1' && tsx seed.ts")
    expect(text.slice(facts!.seed!.source.offsets(15), facts!.seed!.source.offsets(15) + 3)).toBe('tsx')
  })

  it.each([
    ['a top-level seed key', "export default defineConfig({ seed: 'tsx prisma/seed.ts' })\n", {}],
    ['no migrations', "export default defineConfig({ schema: 'prisma/schema.prisma' })\n", {}],
    ['a computed seed', "export default defineConfig({ migrations: { seed: process.env.SEED } })\n", { unreadable: '`migrations.seed` is computed' }],
    ['a template with expressions', 'export default defineConfig({ migrations: { seed: `tsx ${dir}/seed.ts` } })\n', { unreadable: '`migrations.seed` is computed' }],
    ['a config built by a function', 'export default makeConfig()\n', { unreadable: 'the exported config is not an object literal' }],
  ])('%s', async (_, text, expected) => {
    expect(await factsOf('prisma.config.ts', text)).toEqual(expected)
  })

  it('reads a --config file elsewhere only when it sets migrations', async () => {
    const cache = new FileCache(MemoryFiles.of({ 'config/prisma.ts': "export default { migrations: { seed: 'tsx seed.ts' } }\n", 'lib/prisma.ts': 'export const prisma = new PrismaClient()\n' }))
    expect([...(await loadPrismaConfigs(cache)).keys()]).toEqual(['config/prisma.ts'])
  })

  it('finds nothing in a tree without a config', async () => {
    expect((await loadPrismaConfigs(new FileCache(MemoryFiles.of({ 'package.json': '{}' })))).size).toBe(0)
  })
})
