import { describe, expect, it, vi } from 'vitest'
import type { Guard } from '../../../src/model/guard.js'
import { FileCache, MemoryFiles } from '../../../src/project/files.js'
import { loadPythonModules, resolvePythonModule } from '../../../src/seeds/facts/python-start.js'
import type { CodeEffects } from '../../../src/seeds/facts/start-code.js'

// counts the loads of the parser: a project with nothing to read must not pay for the grammar
vi.mock('../../../src/util/on-demand.js', async (original) => {
  const actual = await original<typeof import('../../../src/util/on-demand.js')>()
  return { ...actual, importGrammarParser: vi.fn(actual.importGrammarParser) }
})
const { importGrammarParser } = await import('../../../src/util/on-demand.js')

const REQUIREMENTS = 'fastapi==0.115.0\nSQLAlchemy==2.0.36\n'

/** `requirements` null: the project has no requirements.txt */
const modulesOf = (files: Record<string, string>, requirements: string | null = REQUIREMENTS) =>
  loadPythonModules(new FileCache(MemoryFiles.of({ ...(requirements !== null && { 'requirements.txt': requirements }), ...files })))

const shownGuard = (g: Guard): string => {
  if (g.op === 'any') return `any(${g.alternatives!.map(shownGuard).join(', ')})`
  if (g.op === 'opaque') return `${g.negated ? 'not ' : ''}opaque ${g.text}`
  const fallback = g.fallback ? ` (default ${g.fallback.value})` : ''
  return `${g.negated ? 'not ' : ''}${g.variable} ${g.op}${g.values.length ? ` ${g.values.join('|')}` : ''}${fallback}`
}

/** each effect as `effect confidence code @line:col [guards]` */
const shown = (code: CodeEffects | undefined): string[] =>
  (code?.effects ?? []).map((e) => `${e.effect} ${e.confidence} ${e.code} @${e.span.start.line}:${e.span.start.column}${e.guards.length ? ` [${e.guards.map(shownGuard).join('; ')}]` : ''}`)

async function onLoad(text: string, file = 'main.py'): Promise<string[]> {
  return shown((await modulesOf({ [file]: text })).get(file)?.onLoad)
}

describe('python start: the calls that wipe or seed when the app module is imported', () => {
  it.each([
    ['models.Base.metadata.drop_all(bind=engine)', ['wipe high models.Base.metadata.drop_all(bind=engine) @1:1']],
    ['SQLModel.metadata.drop_all(engine)', ['wipe high SQLModel.metadata.drop_all(engine) @1:1']],
    ['db.drop_all()', ['wipe high db.drop_all() @1:1']],
    ['async def init():\n    async with engine.begin() as conn:\n        await conn.run_sync(Base.metadata.drop_all)\ninit()', ['wipe high conn.run_sync(Base.metadata.drop_all) @3:15']],
    ['conn.run_sync(Base.metadata.create_all)', []],
    ['Base.metadata.create_all(bind=engine)', []],
    ['drop_database(engine.url)', ['wipe high drop_database(engine.url) @1:1']],
    ['Tortoise._drop_databases()', ['wipe high Tortoise._drop_databases() @1:1']],
    ['Tortoise.generate_schemas()', []],
    ['database.drop_tables([User, Tweet])', ['wipe high database.drop_tables([User, Tweet]) @1:1']],
    ['call_command("flush", interactive=False)', ['wipe high call_command("flush", interactive=False) @1:1']],
    ['call_command("loaddata", "demo.json")', ['seed high call_command("loaddata", "demo.json") @1:1']],
    ['call_command("migrate")', []],
    ['seed_db()', ['seed medium seed_db() @1:1']],
    ['populate_demo_data(session)', ['seed medium populate_demo_data(session) @1:1']],
    ['load_fixtures()', ['seed medium load_fixtures() @1:1']],
    ['create_demo_users()', ['seed medium create_demo_users() @1:1']],
    // a random generator, seeded
    ['import random\nrandom.seed(42)', []],
    ['from random import seed\nseed(42)', []],
    ['import torch\ntorch.manual_seed(0)', []],
    ['fake.seed_instance(1)', []],
  ])('%s', async (code, expected) => {
    expect(await onLoad(code)).toEqual(expected)
  })

  it('runs what the top level runs: `with app.app_context():`, startup handlers, a lifespan, its own functions; not a request handler', async () => {
    const code = [
      'from fastapi import FastAPI', //                                        1
      '', //                                                                     2
      'def reset():', //                                                         3
      '    Base.metadata.drop_all(bind=engine)', //                              4
      '', //                                                                     5
      '@asynccontextmanager', //                                                 6
      'async def lifespan(app):', //                                             7
      '    reset()', //                                                          8
      '    yield', //                                                            9
      '', //                                                                    10
      'app = FastAPI(lifespan=lifespan)', //                                    11
      '', //                                                                    12
      '@app.on_event("startup")', //                                            13
      'def startup():', //                                                      14
      '    seed_users()', //                                                    15
      '', //                                                                    16
      '@app.on_event("shutdown")', //                                           17
      'def shutdown():', //                                                     18
      '    seed_after()', //                                                    19
      '', //                                                                    20
      '@app.post("/reset")', //                                                 21
      'def reset_route():', //                                                  22
      '    db.drop_all()', //                                                   23
      '', //                                                                    24
      'with app.app_context():', //                                            25
      '    db.drop_all()', //                                                   26
    ].join('\n')
    const module = (await modulesOf({ 'main.py': code })).get('main.py')!
    expect(shown(module.onLoad)).toEqual(['wipe high db.drop_all() @26:5'])
    // the handlers the server runs are calls the chain shows
    expect(module.onLoad.calls.map((c) => `${c.path}#${c.name} @${c.span.start.line}: ${c.via}`)).toEqual([
      'main.py#lifespan @11: runs lifespan at startup (`lifespan=lifespan`)',
      'main.py#startup @13: runs startup at startup (`@app.on_event("startup")`)',
    ])
    expect(shown(module.exported.get('lifespan'))).toEqual(['wipe high Base.metadata.drop_all(bind=engine) @4:5'])
    expect(shown(module.exported.get('startup'))).toEqual(['seed medium seed_users() @15:5'])
  })

  it('keeps `if __name__ == "__main__":` for a run as the program', async () => {
    const modules = await modulesOf({ 'main.py': 'app = FastAPI()\nif __name__ == "__main__":\n    seed_db()\n    uvicorn.run(app)\nelse:\n    db.drop_all()\n' })
    const module = modules.get('main.py')!
    expect(shown(module.onLoad)).toEqual(['wipe high db.drop_all() @6:5'])
    expect(shown(module.asMain)).toEqual(['seed medium seed_db() @3:5'])
    expect([...module.variables]).toEqual(['app'])
  })

  it('reads the tests on the environment around a call as guards, opaque where they read settings, none where they read data', async () => {
    const at = (test: string) => onLoad(`import os\nfrom os import getenv\nENV = os.getenv("APP_ENV", "production")\nIS_DEV = ENV == "dev"\nif ${test}:\n    db.drop_all()\n`)
    expect(await at('os.getenv("ENV") == "development"')).toEqual(['wipe high db.drop_all() @6:5 [ENV eq development]'])
    expect(await at('os.environ.get("ENV", "prod") != "prod"')).toEqual(['wipe high db.drop_all() @6:5 [not ENV eq prod (default prod)]'])
    expect(await at('os.environ["STAGE"] in ("dev", "test")')).toEqual(['wipe high db.drop_all() @6:5 [STAGE eq dev|test]'])
    expect(await at('getenv("RESET_DB")')).toEqual(['wipe high db.drop_all() @6:5 [RESET_DB set]'])
    expect(await at('not os.getenv("PRODUCTION")')).toEqual(['wipe high db.drop_all() @6:5 [not PRODUCTION set]'])
    expect(await at('IS_DEV')).toEqual(['wipe high db.drop_all() @6:5 [APP_ENV eq dev (default production)]'])
    expect(await at('os.getenv("DEBUG", "false").lower() == "true"')).toEqual(['wipe high db.drop_all() @6:5 [DEBUG eq true|TRUE|True (default false)]'])
    expect(await at('ENV == "dev" and os.getenv("RESET")')).toEqual(['wipe high db.drop_all() @6:5 [APP_ENV eq dev (default production); RESET set]'])
    expect(await at('settings.ENVIRONMENT == "local"')).toEqual(['wipe high db.drop_all() @6:5 [opaque settings.ENVIRONMENT == "local"]'])
    expect(await at('not User.query.first()')).toEqual(['wipe high db.drop_all() @6:5'])
  })

  it('reads the string fields of pydantic settings as the variables they come from, with their defaults; undecided where a dotenv file may set them', async () => {
    const config = [
      'from typing import Literal',
      'from pydantic import Field',
      'from pydantic_settings import BaseSettings, SettingsConfigDict',
      '',
      'class Settings(BaseSettings):',
      '    model_config = SettingsConfigDict(env_prefix="shop_")',
      '    environment: Literal["local", "production"] = "production"',
      '    stage: str',
      '    region: str = Field(default="eu", validation_alias="FLY_REGION")',
      '    debug: bool = False',
      '',
      'class FileSettings(BaseSettings):',
      '    model_config = SettingsConfigDict(env_file=".env")',
      '    ENVIRONMENT: str = "production"',
      '',
      'settings = Settings()',
      'file_settings = FileSettings()',
    ].join('\n')
    const at = async (test: string) => shown((await modulesOf({ 'app/config.py': config, 'app/main.py': `from app.config import settings, file_settings\nif ${test}:\n    db.drop_all()\n` })).get('app/main.py')?.onLoad)
    expect(await at('settings.environment == "local"')).toEqual(['wipe high db.drop_all() @3:5 [SHOP_ENVIRONMENT eq local (default production)]'])
    expect(await at('settings.stage != "prod"')).toEqual(['wipe high db.drop_all() @3:5 [not SHOP_STAGE eq prod]'])
    expect(await at('settings.region == "eu"')).toEqual(['wipe high db.drop_all() @3:5 [FLY_REGION eq eu (default eu)]'])
    expect(await at('settings.debug')).toEqual(['wipe high db.drop_all() @3:5 [opaque settings.debug]'])
    expect(await at('file_settings.ENVIRONMENT == "local"')).toEqual(['wipe high db.drop_all() @3:5 [opaque file_settings.ENVIRONMENT == "local"]'])
  })

  it('leaves a test of a parameter undecided: the caller passes it', async () => {
    const code = 'def create_app(config_name="production", debug=False):\n    app = Flask(__name__)\n    if config_name == "testing":\n        db.drop_all()\n    if app.name == "x" or not debug:\n        seed_db()\n    if other.config_name:\n        populate_demo()\n'
    expect(shown((await modulesOf({ 'main.py': code })).get('main.py')?.exported.get('create_app'))).toEqual([
      'wipe high db.drop_all() @4:9 [opaque config_name == "testing"]',
      'seed medium seed_db() @6:9 [opaque app.name == "x" or not debug]',
      'seed medium populate_demo() @8:9',
    ])
  })

  it('reads an early return as the negation of its test, and `elif`/`else` under the tests before them', async () => {
    const code = 'def init():\n    if os.getenv("ENV") == "production":\n        return\n    seed_db()\n\ninit()\nif os.getenv("A"):\n    pass\nelif os.getenv("B") == "x":\n    db.drop_all()\nelse:\n    drop_database(url)\n'
    expect(await onLoad(code)).toEqual([
      'seed medium seed_db() @4:5 [not ENV eq production]',
      'wipe high db.drop_all() @10:5 [not A set; B eq x]',
      'wipe high drop_database(url) @12:5 [not A set; not B eq x]',
    ])
  })

  it('follows the imports of project modules: a function of a seed module is a seed, one of another module a call into it', async () => {
    const modules = await modulesOf({
      'app/__init__.py': '',
      'app/main.py': 'from app.db.seed import init_data\nfrom . import crud\nfrom .setup import prepare as prep\nimport app.setup as setup\ninit_data(session)\nprep()\nsetup.prepare()\n',
      'app/crud.py': 'def get_user(id):\n    return None\n',
      'app/setup.py': 'def prepare():\n    seed_db()\n',
      'app/db/__init__.py': '',
      'app/db/seed.py': 'def init_data(session):\n    session.add(User())\n',
    })
    const main = modules.get('app/main.py')!
    expect(shown(main.onLoad)).toEqual(['seed high init_data(session) @5:1'])
    expect(main.onLoad.calls.map((c) => `${c.path}#${c.name}`)).toEqual(['app/setup.py#prepare', 'app/setup.py#prepare'])
    expect(main.loads.map((l) => l.path)).toEqual(['app/db/seed.py', 'app/__init__.py', 'app/crud.py', 'app/setup.py'])
    expect(shown(modules.get('app/setup.py')!.exported.get('prepare'))).toEqual(['seed medium seed_db() @2:5'])
  })

  it('reads only the apps of projects that declare a database library or hold a seed module, and loads no grammar for the others', async () => {
    vi.mocked(importGrammarParser).mockClear()
    expect((await modulesOf({ 'main.py': 'db.drop_all()\n' }, 'fastapi\n')).size).toBe(0)
    expect((await modulesOf({ 'main.py': 'db.drop_all()\n' }, null)).size).toBe(0)
    expect((await modulesOf({ 'main.py': 'app = FastAPI()\n' })).size).toBe(0)
    expect(importGrammarParser).not.toHaveBeenCalled()
    expect((await modulesOf({ 'main.py': 'from seed import run\nrun()\n', 'seed.py': 'def run():\n    pass\n' }, null)).get('main.py')?.onLoad.effects).toHaveLength(1)
    expect((await modulesOf({ 'tests/test_api.py': 'db.drop_all()\n', '.venv/lib/x.py': 'db.drop_all()\n' })).size).toBe(0)
  })
})

describe('python start: module resolution', () => {
  const files = new Set(['app/__init__.py', 'app/main.py', 'app/db/__init__.py', 'app/db/seed.py', 'backend/app/core.py'])
  const exists = (p: string) => files.has(p)
  it.each([
    ['app/main.py', 'app.db.seed', 'app/db/seed.py'],
    ['app/main.py', 'app.db', 'app/db/__init__.py'],
    ['app/main.py', '.db.seed', 'app/db/seed.py'],
    ['app/db/seed.py', '..main', 'app/main.py'],
    ['app/db/seed.py', '.', 'app/db/__init__.py'],
    ['backend/app/core.py', 'app.core', 'backend/app/core.py'],
    ['app/main.py', 'fastapi', undefined],
    ['app/main.py', '....x', undefined],
  ])('from %s, %s is %s', (from, module, expected) => {
    expect(resolvePythonModule(from, module, exists)).toBe(expected)
  })
})
