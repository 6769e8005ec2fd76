import { describe, expect, it } from 'vitest'
import appStart from '../../src/seeds/app-start.js'
import { packageJson, projectWithFacts } from '../helpers/project.js'
import { seedOf, wipeOf } from './table.js'

const PKG = packageJson({ name: 'api', dependencies: { sequelize: '^6.37.0' } })
const RESETS = "const db = require('./models')\ndb.sequelize.sync({ force: true })\n"

describe('app-start: the modules a start command runs', () => {
  it.each([
    ['node server.js', 'server.js'],
    ['node server', 'server.js'],
    ['nodemon --watch src server.js', 'server.js'],
    ['tsx watch src/main.ts', 'src/main.ts'],
    ['ts-node-dev --respawn src/main.ts', 'src/main.ts'],
    ['node -r dotenv/config src/main', 'src/main.ts'],
  ])('%s runs %s', async (line, file) => {
    const project = await projectWithFacts({ 'package.json': PKG, [file]: RESETS })
    expect(wipeOf(appStart, line, project)?.within?.hops.at(-1)?.span.file).toBe(file)
  })

  it('follows the local modules the entry loads, through cycles, and shows each hop', async () => {
    const project = await projectWithFacts({
      'package.json': PKG,
      'server.js': "require('./app')\n",
      'app/index.js': "require('../server')\nrequire('./db')\n",
      'app/db.js': 'sequelize.sync({ force: true })\n',
    })
    expect(wipeOf(appStart, 'node server.js', project)?.within?.hops.map((h) => h.label)).toEqual([
      'server.js, the module `node server.js` runs',
      'server.js loads ./app',
      'app/index.js loads ./db',
      'app/db.js `sync({ force: true })`',
    ])
    expect(wipeOf(appStart, 'node app/db.js', project)?.confidence).toBe('high')
    expect(wipeOf(appStart, 'node other.js', project)).toBeUndefined()
  })

  it('maps a built entry the repository does not hold back to its source through tsconfig.json, and claims nothing without it', async () => {
    const files = { 'package.json': PKG, 'src/main.ts': RESETS.replace("'./models'", "'./models.js'"), 'src/models.ts': 'export const sequelize = {}\n' }
    const withRootDir = await projectWithFacts({ ...files, 'tsconfig.json': '{ "compilerOptions": { "outDir": "dist", "rootDir": "src" } }' })
    expect(wipeOf(appStart, 'node dist/main.js', withRootDir)?.within?.hops[0]?.label).toBe('dist/main.js is built from src/main.ts (tsconfig.json outDir)')
    const withInclude = await projectWithFacts({ ...files, 'tsconfig.json': '{ "compilerOptions": { "outDir": "./build" }, "include": ["src/**/*"] }' })
    expect(wipeOf(appStart, 'node build/main.js', withInclude)?.confidence).toBe('high')
    expect(wipeOf(appStart, 'node dist/main.js', await projectWithFacts(files))).toBeUndefined()
  })

  it('carries the guards of the code and of the calls on the way to the effect', async () => {
    const project = await projectWithFacts({
      'package.json': PKG,
      'server.js': "const { prepare } = require('./db')\nif (!process.env.SKIP_DB) prepare()\n",
      'db.js': "exports.prepare = async () => {\n  if (process.env.NODE_ENV === 'production') return\n  await sequelize.sync({ force: true })\n}\n",
    })
    const wipe = wipeOf(appStart, 'node server.js', project)
    expect(wipe?.guards?.map((g) => `${g.negated ? 'not ' : ''}${g.variable} ${g.op}`)).toEqual(['not SKIP_DB set', 'not NODE_ENV eq'])
    expect(seedOf(appStart, 'node server.js', project)).toBeUndefined()
  })
})
