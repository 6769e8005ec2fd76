import { describe, expect, it } from 'vitest'
import { FileCache, MemoryFiles } from '../../src/project/files.js'
import { loadSeedScriptGuards } from '../../src/project/seed-script-guards.js'

const guardsOf = async (text: string, file = 'prisma/seed.js') => {
  const found = (await loadSeedScriptGuards(new FileCache(MemoryFiles.of({ [file]: text })))).get(file)
  return found?.map((g) => `${g.negated ? 'not ' : ''}${g.variable} ${g.op}${g.values.length ? ` ${g.values.join('|')}` : ''}`)
}

describe('the exits at the top of a seed script, as guards the rest runs under', () => {
  it.each([
    ["if (process.env.VERCEL_ENV === 'production') process.exit(0)", ['not VERCEL_ENV eq production']],
    ["if ('production' == process.env.NODE_ENV) { console.log('no'); process.exit() }", ['not NODE_ENV eq production']],
    ["if (process.env['APP_ENV'] !== 'development') throw new Error('dev only')", ['APP_ENV eq development']],
    ['if (!process.env.ALLOW_SEED) return', ['ALLOW_SEED set']],
    ["if (process.env.NODE_ENV === 'production' || process.env.CI) process.exit(1)", ['not NODE_ENV eq production', 'not CI set']],
  ])('%s', async (guard, expected) => {
    expect(await guardsOf(`const { PrismaClient } = require('@prisma/client')\n${guard}\nnew PrismaClient().user.create({})\n`)).toEqual(expected)
  })

  it('only before anything that could write, and only exits it understands', async () => {
    expect(await guardsOf("main()\nif (process.env.NODE_ENV === 'production') process.exit(0)\n")).toBeUndefined()
    expect(await guardsOf("if (process.env.NODE_ENV === 'production') { cleanup(); process.exit(0) }\n")).toBeUndefined()
    expect(await guardsOf("if (process.env.NODE_ENV === 'production' && isFriday()) process.exit(0)\n")).toBeUndefined()
  })

  it('reads TypeScript, and leaves scripts not named as seeds and unparsable ones alone', async () => {
    expect(await guardsOf("import type { X } from 'x'\nif (process.env.NODE_ENV === 'production') process.exit(0)\n", 'src/db/seed.ts')).toEqual(['not NODE_ENV eq production'])
    expect(await guardsOf("if (process.env.NODE_ENV === 'production') process.exit(0)\n", 'scripts/migrate.js')).toBeUndefined()
    expect(await guardsOf("if (process.env.NODE_ENV === 'production' process.exit(0)\n")).toBeUndefined()
  })
})
