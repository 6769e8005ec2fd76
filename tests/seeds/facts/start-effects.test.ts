import { describe, expect, it } from 'vitest'
import type { Guard } from '../../../src/model/guard.js'
import { FileCache, MemoryFiles } from '../../../src/project/files.js'
import type { CodeEffects, StartModule } from '../../../src/seeds/facts/start-code.js'
import { loadStartModules } from '../../../src/seeds/facts/start-effects.js'

const SEQUELIZE_APP = JSON.stringify({ dependencies: { sequelize: '^6.37.0' } })

const modulesOf = (files: Record<string, string>, pkg = SEQUELIZE_APP) => loadStartModules(new FileCache(MemoryFiles.of({ 'package.json': pkg, ...files })))

const shownGuard = (g: Guard): string => {
  if (g.op === 'any') return `any(${g.alternatives!.map(shownGuard).join(', ')})`
  if (g.op === 'opaque') return `${g.negated ? 'not ' : ''}opaque ${g.text}`
  return `${g.negated ? 'not ' : ''}${g.variable} ${g.op}${g.values.length ? ` ${g.values.join('|')}` : ''}`
}

/** each effect as `effect confidence code @line:col [guards]` */
const shown = (code: CodeEffects | undefined): string[] =>
  (code?.effects ?? []).map((e) => `${e.effect} ${e.confidence} ${e.code} @${e.span.start.line}:${e.span.start.column}${e.guards.length ? ` [${e.guards.map(shownGuard).join('; ')}]` : ''}`)

async function onLoad(text: string, file = 'server.js', pkg?: string): Promise<string[]> {
  return shown((await modulesOf({ [file]: text }, pkg)).get(file)?.onLoad)
}

describe('start effects: the calls that wipe or seed when a module is loaded', () => {
  it.each([
    ['db.sequelize.sync({ force: true })', ['wipe high sync({ force: true }) @1:14']],
    ['sequelize.sync()', []],
    ['sequelize.sync({ alter: true })', []],
    ['sequelize.sync({ force: false })', []],
    ['sequelize.drop()', ['wipe medium drop() @1:11']],
    ['mongoose.connection.dropDatabase()', ['wipe high dropDatabase() @1:21']],
    ['orm.getSchemaGenerator().refreshDatabase()', ['wipe high refreshDatabase() @1:26']],
    ['orm.schema.dropSchema()', ['wipe high dropSchema() @1:12']],
    ['knex.migrate.rollback({}, true)', ['wipe high rollback({}, true) @1:14']],
    ['knex.migrate.rollback()', []],
    ['knex.seed.run()', ['seed high run() @1:11']],
    ['orm.getSeeder().seed(DatabaseSeeder)', ['seed high seed(DatabaseSeeder) @1:17']],
    ["export default new DataSource({ type: 'postgres', dropSchema: true })", ['wipe high dropSchema: true @1:51']],
    ["createConnection({ type: 'mysql', dropSchema: false })", []],
    ["@Module({ imports: [TypeOrmModule.forRoot({ dropSchema: true })] })\nexport class AppModule {}", ['wipe high dropSchema: true @1:45']],
  ])('%s', async (code, expected) => {
    expect(await onLoad(`${code}\n`)).toEqual(expected)
  })

  it('reads a value that is not a literal: a test of the environment is a guard, anything else leaves it undecided', async () => {
    expect(await onLoad("sequelize.sync({ force: process.env.DB_RESET === 'true' })\n")).toEqual(['wipe high sync({ force: process.env.DB_RESET === \'true\' }) @1:11 [DB_RESET eq true]'])
    expect(await onLoad("const isDev = process.env.NODE_ENV !== 'production'\nsequelize.sync({ force: isDev })\n")).toEqual(['wipe high sync({ force: isDev }) @2:11 [not NODE_ENV eq production]'])
    expect(await onLoad('sequelize.sync({ force: wantsReset() })\n')).toEqual(['wipe low sync({ force: wantsReset() }) @1:11'])
  })

  it('takes the tests around a call as its guards: an `if`, an `else`, an exit above it', async () => {
    expect(await onLoad("if (process.env.NODE_ENV !== 'production') {\n  sequelize.sync({ force: true })\n}\n")).toEqual(['wipe high sync({ force: true }) @2:13 [not NODE_ENV eq production]'])
    expect(await onLoad("if (process.env.NODE_ENV === 'production') migrate()\nelse sequelize.sync({ force: true })\n")).toEqual(['wipe high sync({ force: true }) @2:16 [not NODE_ENV eq production]'])
    expect(await onLoad("async function boot() {\n  if (process.env.NODE_ENV === 'production') return\n  await sequelize.sync({ force: true })\n}\nboot()\n")).toEqual(['wipe high sync({ force: true }) @3:19 [not NODE_ENV eq production]'])
  })

  it('follows the code a start runs: callbacks, then-chains, IIFEs and the functions of the module it calls', async () => {
    expect(await onLoad("connect().then(() => sequelize.sync({ force: true }))\n")).toEqual(['wipe high sync({ force: true }) @1:32'])
    expect(await onLoad("app.listen(3000, async () => { await sequelize.sync({ force: true }) })\n")).toEqual(['wipe high sync({ force: true }) @1:48'])
    expect(await onLoad(";(async () => { await sequelize.sync({ force: true }) })()\n")).toEqual(['wipe high sync({ force: true }) @1:33'])
    expect(await onLoad('const reset = () => sequelize.sync({ force: true })\nstart().then(reset)\n')).toEqual(['wipe high sync({ force: true }) @1:31'])
  })

  it('is silent for code nothing runs at start: a function never called, a method', async () => {
    expect(await onLoad('function reset() { return sequelize.sync({ force: true }) }\n')).toEqual([])
    expect(await onLoad('class Admin { reset() { return sequelize.sync({ force: true }) } }\n')).toEqual([])
  })

  it('records what an exported function does, and which exported functions of other modules a module calls', async () => {
    const modules = await modulesOf({
      'src/db.js': "exports.reset = async () => { await sequelize.sync({ force: true }) }\nexports.connect = () => sequelize.authenticate()\n",
      'src/index.js': "const db = require('./db')\nconst { connect } = require('./db')\nconnect().then(() => db.reset())\n",
      'src/esm.mjs': "import { reset } from './db.js'\nexport function later() { return reset() }\n",
    })
    const db = modules.get('src/db.js')!
    expect(shown(db.onLoad)).toEqual([])
    expect(shown(db.exported.get('reset'))).toEqual(['wipe high sync({ force: true }) @1:47'])
    expect(modules.get('src/index.js')!.onLoad.calls.map((c) => `${c.path}#${c.name}`)).toEqual(['src/db.js#connect', 'src/db.js#reset'])
    // a caller of the exported function is read even though its own text names no effect
    expect(modules.get('src/esm.mjs')!.exported.get('later')!.calls.map((c) => `${c.path}#${c.name}`)).toEqual(['src/db.js#reset'])
  })

  it('takes a call of a seed module’s function, or loading a seed script, as a seed; importing one without calling it is not', async () => {
    expect(await onLoad("const { seedUsers } = require('./seeders/users')\nconnect().then(seedUsers)\n")).toEqual(['seed high seedUsers() @2:1'])
    expect(await onLoad("import runSeed from './db/seed'\nawait runSeed()\n", 'server.mjs')).toEqual(['seed high runSeed() @2:7'])
    expect(await onLoad("require('./db/seeds')\n")).toEqual(['seed high require(\'./db/seeds\') @1:1'])
    expect(await onLoad("const { seedUsers } = require('./seeders/users')\nmodule.exports = { seedUsers }\n")).toEqual([])
  })
})

describe('start effects: which modules are read, and what they load', () => {
  it('reads nothing where no package declares a library that wipes or seeds, and no seed module exports a function', async () => {
    expect((await modulesOf({ 'server.js': 'db.sync({ force: true })\n' }, JSON.stringify({ dependencies: { express: '^4' } }))).size).toBe(0)
    expect((await modulesOf({ 'server.js': "require('./seed').run()\n", 'seed.js': 'exports.run = () => insertAll()\n' }, JSON.stringify({ dependencies: { pg: '^8' } }))).get('server.js')?.onLoad.effects).toHaveLength(1)
  })

  it('leaves test suites and their fixtures out', async () => {
    const modules = await modulesOf({ 'test/setup.js': 'sequelize.sync({ force: true })\n', 'src/user.spec.ts': 'sequelize.sync({ force: true })\n', 'src/app.js': 'sequelize.sync({ force: true })\n' })
    expect([...modules.keys()]).toEqual(['src/app.js'])
  })

  it('resolves the local modules a module loads as Node and TypeScript do, type-only imports aside', async () => {
    const modules = await modulesOf({
      'src/main.ts': "import type { Options } from './options'\nimport { db } from './db'\nimport { start } from './http.js'\nexport * from './models'\nrequire('../config')\nsequelize.sync()\n",
      'src/options.ts': 'export interface Options {}\n',
      'src/db/index.ts': 'export const db = 1\n',
      'src/http.ts': 'export const start = 1\n',
      'src/models.js': 'module.exports = {}\n',
      'config.cjs': 'module.exports = {}\n',
    })
    const main = modules.get('src/main.ts') as StartModule
    expect(main.loads.map((l) => `${l.specifier} → ${l.path} @${l.span.start.line}`)).toEqual(['./db → src/db/index.ts @2', './http.js → src/http.ts @3', './models → src/models.js @4', '../config → config.cjs @5'])
  })
})
