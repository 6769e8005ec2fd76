import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { seedTools } from '../src/seeds/index.js'
import template from '../src/seeds/_template.js'
import type { SeedTool } from '../src/seeds/types.js'

const dir = new URL('../src/seeds/', import.meta.url)
// the registry, the interface, the template to copy and the shared helpers (argv, `go run`/`cargo run`, prompts) are not recognisers
const NOT_TOOLS = new Set(['index.ts', 'types.ts', '_template.ts', 'argv.ts', 'toolchain-run.ts', 'confirmation.ts', 'start-walk.ts'])
const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !NOT_TOOLS.has(f))
const idOf = (file: string): string => file.replace(/\.ts$/, '')
// a runtime path, so it names the source file itself; vitest transforms it like any import
const toolIn = async (file: string): Promise<SeedTool> => ((await import(`../src/seeds/${file}`)) as { default: SeedTool }).default

describe('seed tool registry', () => {
  it.each(files)('registers %s, with id equal to the file name', async (file) => {
    const tool = await toolIn(file)
    expect(seedTools).toContain(tool)
    expect(tool.id).toBe(idOf(file))
  })

  it('registers every tool once and nothing without a file', () => {
    const ids = seedTools.map((t) => t.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(files.map(idOf).sort())
  })

  it('does not register the template', () => {
    expect(seedTools).not.toContain(template)
  })

  it.each(files)('%s opens with a link to its upstream docs', async (file) => {
    const tool = await toolIn(file)
    const firstLine = readFileSync(new URL(file, dir), 'utf8').split('\n')[0]
    expect(tool.docs).toMatch(/^https:\/\//)
    expect(firstLine?.startsWith(`// ${tool.docs}`)).toBe(true)
  })
})
