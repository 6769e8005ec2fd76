import { describe, expect, it } from 'vitest'
import { FileCache, MemoryFiles } from '../../../src/project/files.js'
import { loadSeedScriptGuards } from '../../../src/seeds/facts/script-guards.js'
import type { Guard } from '../../../src/model/guard.js'

const guardsOf = async (text: string, file = 'prisma/seed.js') => {
  const found = (await loadSeedScriptGuards(new FileCache(MemoryFiles.of({ [file]: text })))).get(file)
  return found?.map(shown)
}
const shown = (g: Guard): string => {
  if (g.op === 'any') return `any(${g.alternatives!.map(shown).join(', ')})`
  if (g.op === 'opaque') return `${g.negated ? 'not ' : ''}opaque ${g.text}`
  return `${g.negated ? 'not ' : ''}${g.variable}${g.fallback ? `:-${g.fallback.value}` : ''} ${g.op}${g.values.length ? ` ${g.values.join('|')}` : ''}`
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
    // not an exit: a write (cleanup) that happens only under the test, which is the whole script
    expect(await guardsOf("if (process.env.NODE_ENV === 'production') { cleanup(); process.exit(0) }\n")).toEqual(['NODE_ENV eq production'])
    expect(await guardsOf("if (process.env.NODE_ENV === 'production') { cleanup(); process.exit(0) }\nseed()\n")).toBeUndefined()
  })

  it('a test on the environment it cannot evaluate is kept, opaque: the seed may run, not certainly', async () => {
    expect(await guardsOf("if (process.env.NODE_ENV === 'production' && isFriday()) process.exit(0)\n")).toEqual(['not opaque process.env.NODE_ENV === \'production\' && isFriday()'])
    expect(await guardsOf("if (isFriday()) process.exit(0)\n")).toBeUndefined()
  })

  // forms real seed scripts use
  it.each([
    ["const env = process.env.NODE_ENV; if (env === 'production') process.exit(0);", ['not NODE_ENV eq production']],
    ["const env = process.env.NODE_ENV || 'development'; if (env === 'production') throw new Error('cannot seed on production');", ['not NODE_ENV:-development eq production']],
    ["const isProd = process.env.NODE_ENV === 'production'; if (isProd) process.exit(0);", ['not NODE_ENV eq production']],
    ["const { NODE_ENV } = process.env\nif (NODE_ENV === 'production') process.exit(0)", ['not NODE_ENV eq production']],
    ["console.log('[BEGIN SEED]'); if (process.env.NODE_ENV === 'production') process.exit(0);", ['not NODE_ENV eq production']],
    ["(() => { if (process.env.NODE_ENV === 'production') return; main(); })();", ['not NODE_ENV eq production']],
    ["async function main() { if (process.env.NODE_ENV === 'production') return; await seed() }\nmain().catch(console.error).finally(() => process.exit())", ['not NODE_ENV eq production']],
    ["const prisma = new PrismaClient()\nasync function main() { if (process.env.NODE_ENV === 'production') return }\nmain()", ['not NODE_ENV eq production']],
    ["if (process.env.NODE_ENV !== 'production') { require('./demo') }", ['not NODE_ENV eq production']],
    ["if (process.env.NODE_ENV === 'production' && process.env.SEED_IN_PROD !== 'true') process.exit(0)", ['any(not NODE_ENV eq production, SEED_IN_PROD eq true)']],
  ])('%s', async (script, expected) => {
    expect(await guardsOf(script)).toEqual(expected)
  })

  it('a write inside the `if` is the whole script only when nothing but inert statements follow', async () => {
    expect(await guardsOf("if (process.env.NODE_ENV !== 'production') { require('./demo') }\nseedAdmins()\n")).toBeUndefined()
  })

  it('reads TypeScript, and leaves scripts not named as seeds and unparsable ones alone', async () => {
    expect(await guardsOf("import type { X } from 'x'\nif (process.env.NODE_ENV === 'production') process.exit(0)\n", 'src/db/seed.ts')).toEqual(['not NODE_ENV eq production'])
    expect(await guardsOf("if (process.env.NODE_ENV === 'production') process.exit(0)\n", 'scripts/migrate.js')).toBeUndefined()
    expect(await guardsOf("if (process.env.NODE_ENV === 'production' process.exit(0)\n")).toBeUndefined()
  })
})
