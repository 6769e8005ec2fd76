import { describe, expect, it } from 'vitest'
import pythonStart from '../../src/seeds/python-start.js'
import { projectWithFacts } from '../helpers/project.js'
import { seedOf, wipeOf } from './table.js'

const REQUIREMENTS = 'fastapi\nuvicorn\ngunicorn\nflask-sqlalchemy\n'
const WIPES = 'from fastapi import FastAPI\napp = FastAPI()\nBase.metadata.drop_all(bind=engine)\n'
/** the file the wipe a command reaches is in, or 'none' */
const wipedIn = async (files: Record<string, string>, line: string, cwd = '.') =>
  wipeOf(pythonStart, line, await projectWithFacts({ 'requirements.txt': REQUIREMENTS, ...files }), cwd)?.within?.hops.at(-1)?.span.file ?? 'none'

describe('python-start: the module a start command imports or runs', () => {
  it.each([
    ['uvicorn app.main:app --host 0.0.0.0 --port 80', 'app/main.py'],
    ['uvicorn --port 80 app.main:app', 'app/main.py'],
    ['python -m uvicorn app.main:app', 'app/main.py'],
    ['uvicorn main:app --app-dir app', 'app/main.py'],
    ['gunicorn -k uvicorn.workers.UvicornWorker -b localhost:8000 app.main:app', 'app/main.py'],
    ['gunicorn --chdir app main:app', 'app/main.py'],
    ['gunicorn app.main', 'app/main.py'],
    ['hypercorn app.main:app --bind 0.0.0.0:80', 'app/main.py'],
    ['daphne -b 0.0.0.0 -p 80 app.main:app', 'app/main.py'],
    ['granian --interface asgi app.main:app', 'app/main.py'],
    ['fastapi run app/main.py', 'app/main.py'],
    ['fastapi run', 'app/main.py'],
    ['fastapi run --entrypoint app.main:app', 'app/main.py'],
    ['FLASK_APP=app.main flask run', 'app/main.py'],
    ['flask --app app/main.py run', 'app/main.py'],
    ['flask --app app.main db upgrade', 'none'],
    ['uvicorn app.other:app', 'none'],
    ['node app/main.py', 'none'],
  ])('%s imports %s', async (line, file) => {
    expect(await wipedIn({ 'app/__init__.py': '', 'app/main.py': WIPES }, line)).toBe(file)
  })

  it('takes the entrypoint pyproject.toml configures for `fastapi run` without a path', async () => {
    const files = { 'backend/__init__.py': '', 'backend/api.py': WIPES, 'main.py': 'app = FastAPI()\n' }
    expect(await wipedIn({ ...files, 'pyproject.toml': '[tool.fastapi]\nentrypoint = "backend.api:app"\n' }, 'fastapi run')).toBe('backend/api.py')
    expect(await wipedIn({ ...files, 'pyproject.toml': '[tool.fastapi]\nentrypoint = "backend.api:app"\n' }, 'fastapi run main.py')).toBe('none')
    expect(await wipedIn(files, 'fastapi run')).toBe('none')
  })

  it('resolves the module from the working directory', async () => {
    expect(await wipedIn({ 'backend/app/__init__.py': '', 'backend/app/main.py': WIPES }, 'uvicorn app.main:app', 'backend')).toBe('backend/app/main.py')
    expect(await wipedIn({ 'backend/app/__init__.py': '', 'backend/app/main.py': WIPES }, 'uvicorn app.main:app')).toBe('none')
  })

  it('runs `if __name__ == "__main__":` only for `python file.py` and `python -m module`', async () => {
    const files = { 'requirements.txt': REQUIREMENTS, 'server.py': 'app = FastAPI()\nif __name__ == "__main__":\n    seed_db()\n    uvicorn.run(app)\n', 'pkg/__main__.py': 'if __name__ == "__main__":\n    seed_db()\n' }
    const project = await projectWithFacts(files)
    expect(seedOf(pythonStart, 'python server.py', project)?.confidence).toBe('medium')
    expect(seedOf(pythonStart, 'python -u server.py', project)?.within?.hops.map((h) => h.label)).toEqual(['server.py, the module `python -u server.py` runs as the program', 'server.py `seed_db()`'])
    expect(seedOf(pythonStart, 'python -m server', project)).toBeDefined()
    expect(seedOf(pythonStart, 'python -m pkg', project)).toBeDefined()
    expect(seedOf(pythonStart, 'uvicorn server:app', project)).toBeUndefined()
    expect(seedOf(pythonStart, 'gunicorn server:app', project)).toBeUndefined()
  })

  it('calls the factory a server is told to call, and only then', async () => {
    const files = { 'requirements.txt': REQUIREMENTS, 'shop/__init__.py': 'def create_app():\n    app = Flask(__name__)\n    with app.app_context():\n        db.drop_all()\n    return app\n' }
    const project = await projectWithFacts(files)
    const via = (line: string) => wipeOf(pythonStart, line, project)?.within?.hops.map((h) => h.label)
    expect(via('gunicorn "shop:create_app()"')).toEqual(['shop/__init__.py, the module `gunicorn shop:create_app()` imports', 'shop/__init__.py calls create_app', 'shop/__init__.py `db.drop_all()`'])
    expect(via('uvicorn shop:create_app --factory')).toBeDefined()
    expect(via('uvicorn shop:create_app')).toBeUndefined()
    // Flask calls a factory it finds by name, or create_app where the module has no `app`
    expect(via('flask --app shop run')).toBeDefined()
    expect(via('flask --app shop:create_app run')).toBeDefined()
    expect(via('FLASK_APP=shop flask run')).toBeDefined()
  })

  it('takes Flask\'s `app` over its factory, and finds wsgi.py or app.py without --app', async () => {
    const factory = 'def create_app():\n    db.drop_all()\n'
    expect(await wipedIn({ 'web.py': `app = Flask(__name__)\n${factory}` }, 'flask --app web run')).toBe('none')
    expect(await wipedIn({ 'wsgi.py': WIPES }, 'flask run --host 0.0.0.0')).toBe('wsgi.py')
    expect(await wipedIn({ 'app.py': WIPES }, 'python -m flask run')).toBe('app.py')
    expect(await wipedIn({ 'web/server.py': WIPES, '.flaskenv': 'FLASK_APP=web.server\nFLASK_DEBUG=0\n' }, 'flask run')).toBe('web/server.py')
    expect(await wipedIn({ 'web/server.py': WIPES, '.flaskenv': 'FLASK_APP=web.server\n', '.env': 'FLASK_APP=web.other\n' }, 'flask run')).toBe('none')
  })
})

describe('python-start: a server the started program runs', () => {
  it('follows `uvicorn.run("module:app")` of a program into the module the server imports, under its conditions', async () => {
    const project = await projectWithFacts({
      'requirements.txt': REQUIREMENTS,
      'run.py': 'import os\nimport uvicorn\n\nif __name__ == "__main__":\n    if os.getenv("SERVE") == "api":\n        uvicorn.run("app.main:app", host="0.0.0.0")\n',
      'app/__init__.py': '',
      'app/main.py': WIPES,
    })
    const wipe = wipeOf(pythonStart, 'python run.py', project)
    expect(wipe?.within?.hops.map((h) => h.label)).toEqual(['run.py, the module `python run.py` runs as the program', 'run.py starts app.main:app', 'app/main.py `Base.metadata.drop_all(bind=engine)`'])
    expect(wipe?.guards?.map((g) => `${g.variable} ${g.values.join('|')}`)).toEqual(['SERVE api'])
    expect(wipeOf(pythonStart, 'uvicorn run:app', project)).toBeUndefined()
  })
})

describe('python-start: a call decides its callee\'s test of a parameter', () => {
  const schema = (signature: string, body = '') => `def reset(${signature}):\n${body}    if fresh:\n        Base.metadata.drop_all(bind=engine)\n`
  const wipe = async (signature: string, call: string, body = '') => {
    const project = await projectWithFacts({
      'requirements.txt': REQUIREMENTS,
      'app/__init__.py': '',
      'app/schema.py': schema(signature, body),
      'app/main.py': `from fastapi import FastAPI\nfrom .schema import reset\n\n${call}\napp = FastAPI()\n`,
    })
    const found = wipeOf(pythonStart, 'uvicorn app.main:app', project)
    return found === undefined ? 'none' : found.guards?.length ? 'undecided' : 'wipes'
  }

  it.each([
    ['fresh=False', 'reset(fresh=True)', 'wipes'],
    ['fresh=False', 'reset(True)', 'wipes'],
    ['fresh=True', 'reset()', 'wipes'],
    ['fresh=False', 'reset(fresh=False)', 'none'],
    ['fresh=False', 'reset(None)', 'none'],
    ['fresh=False', 'reset()', 'none'],
    ['verbose, fresh=False', 'reset(1, 0)', 'none'],
    ['*, fresh=False', 'reset()', 'none'],
    // what the call computes, spreads, or the function changes, is undecided
    ['fresh=False', 'reset(fresh=REBUILD)', 'undecided'],
    ['fresh', 'reset(*flags)', 'undecided'],
    ['fresh=False', 'reset(**options)', 'undecided'],
    ['fresh', 'reset()', 'undecided'],
  ])('def reset(%s) called as %s: %s', async (signature, call, expected) => {
    expect(await wipe(signature, call)).toBe(expected)
  })

  it('leaves a parameter the function assigns again undecided', async () => {
    expect(await wipe('fresh=False', 'reset()', '    fresh = fresh or os.getenv("REBUILD")\n')).toBe('undecided')
  })
})
