// https://fastapi.tiangolo.com/advanced/events/ ; https://www.uvicorn.org/settings/#application ; https://docs.gunicorn.org/en/stable/run.html ; https://flask.palletsprojects.com/en/stable/cli/#application-discovery
// A Python web app that wipes or seeds its database in its own start code does it on every start of
// every deploy. The server a deploy starts names the app's module: `uvicorn app.main:app`,
// `gunicorn "app:create_app()"`, `fastapi run`, `flask run`; importing it runs its top level and the
// project modules it imports, and the server runs its startup code (facts/python-start.ts).
// `python main.py` runs the file as the program, its `if __name__ == "__main__":` block too, which an
// import by a server never runs. The finding points at the call.
import type { LeafCommand } from '../model/command.js'
import { fileStartSpan } from '../model/span.js'
import type { Project } from '../project/project.js'
import { parse as parseDotenv } from 'dotenv'
import { joinPath, selfAndAncestors } from '../util/paths.js'
import { TomlView } from '../util/toml.js'
import { basename, flagValue, hasFlag, positionals } from './argv.js'
import { moduleFile } from './facts/python-start.js'
import type { CodeEffects } from './facts/start-code.js'
import { startCodeMatchers, type Entry } from './start-walk.js'
import type { SeedTool } from './types.js'

interface Server {
  /** options written with their value as the next word */
  valued: string[]
  /** the option naming the directory the app is imported from */
  dir?: string[]
  /** the option that makes the server call the attribute to get the app */
  factory?: string
  /** the attribute taken where the app is named by its module alone */
  attribute?: string
}

/**
 * The ASGI/WSGI servers and the options that take a value
 * (https://www.uvicorn.org/settings/, https://docs.gunicorn.org/en/stable/settings.html,
 * https://hypercorn.readthedocs.io/en/latest/how_to_guides/configuring.html,
 * https://github.com/django/daphne#running, https://github.com/emmett-framework/granian#options).
 * Each takes the app as `module:attribute`; gunicorn calls `module:factory(…)`.
 */
const SERVERS: Record<string, Server> = {
  uvicorn: {
    valued: ['--host', '--port', '--uds', '--fd', '--reload-dir', '--reload-include', '--reload-exclude', '--reload-delay', '--workers', '--loop', '--http', '--ws', '--ws-max-size', '--ws-max-queue', '--ws-ping-interval', '--ws-ping-timeout', '--ws-per-message-deflate', '--lifespan', '--interface', '--env-file', '--log-config', '--log-level', '--root-path', '--forwarded-allow-ips', '--limit-concurrency', '--backlog', '--limit-max-requests', '--timeout-keep-alive', '--timeout-graceful-shutdown', '--ssl-keyfile', '--ssl-certfile', '--ssl-keyfile-password', '--ssl-version', '--ssl-cert-reqs', '--ssl-ca-certs', '--ssl-ciphers', '--header', '--app-dir', '--h11-max-incomplete-event-size'],
    dir: ['--app-dir'],
    factory: '--factory',
  },
  gunicorn: {
    valued: ['-b', '--bind', '-w', '--workers', '-k', '--worker-class', '-c', '--config', '--chdir', '-t', '--timeout', '--threads', '--log-level', '--access-logfile', '--error-logfile', '--log-file', '--access-logformat', '-e', '--env', '--max-requests', '--max-requests-jitter', '--keep-alive', '--graceful-timeout', '--pythonpath', '-n', '--name', '-p', '--pid', '-u', '--user', '-g', '--group', '--worker-connections', '--backlog', '--forwarded-allow-ips', '--certfile', '--keyfile', '--ca-certs', '--log-config', '--statsd-host', '--worker-tmp-dir', '--limit-request-line', '--limit-request-fields', '--limit-request-field_size', '-m', '--umask', '--logger-class', '--log-syslog-to', '--proxy-allow-from'],
    dir: ['--chdir'],
    attribute: 'application',
  },
  hypercorn: {
    valued: ['-b', '--bind', '--insecure-bind', '--quic-bind', '-w', '--workers', '-k', '--worker-class', '-c', '--config', '--root-path', '--log-level', '--access-logfile', '--error-logfile', '--log-config', '--access-logformat', '--certfile', '--keyfile', '--keyfile-password', '--ca-certs', '--ciphers', '-g', '--group', '-u', '--user', '-m', '--umask', '-p', '--pid', '--keep-alive', '--graceful-timeout', '--backlog', '--max-requests', '--max-requests-jitter', '--read-timeout', '--statsd-host', '--statsd-prefix', '--websocket-ping-interval', '--server-name', '--verify-mode'],
    attribute: 'app',
  },
  daphne: {
    valued: ['-p', '--port', '-b', '--bind', '-u', '--unix-socket', '--fd', '-e', '--endpoint', '--websocket_timeout', '--websocket_connect_timeout', '--application-close-timeout', '--root-path', '--proxy-headers-host', '--proxy-headers-port', '--access-log', '--log-fmt', '-v', '--verbosity', '-t', '--http-timeout', '--ping-interval', '--ping-timeout', '--server-name'],
  },
  granian: {
    valued: ['--interface', '--host', '--port', '--workers', '--threads', '--blocking-threads', '--runtime-threads', '--runtime-mode', '--loop', '--task-impl', '--http', '--backlog', '--backpressure', '--log-level', '--log-config', '--ssl-keyfile', '--ssl-certificate', '--ssl-keyfile-password', '--url-path-prefix', '--respawn-interval', '--workers-lifetime', '--workers-kill-timeout', '--pid-file', '--working-dir', '--env-files', '--static-path-route', '--static-path-mount', '--reload-paths', '--reload-ignore-dirs'],
    dir: ['--working-dir'],
    factory: '--factory',
  },
}
/** `module:attribute`, `module:factory(args)`, or a module alone */
const APP_SPEC = /^([A-Za-z_][\w.]*)(?::([A-Za-z_]\w*)(\(.*\))?)?$/
const PYTHON = /^python[\d.]*$/
/** interpreter options that take the next word (https://docs.python.org/3/using/cmdline.html) */
const PYTHON_VALUED = ['-X', '-W', '-c']
/** `fastapi run` without a path tries these, in order (https://fastapi.tiangolo.com/fastapi-cli/) */
const FASTAPI_FILES = ['main.py', 'app.py', 'api.py', 'app/main.py', 'app/app.py', 'app/api.py']
/** `flask run` without --app or FLASK_APP imports wsgi.py, else app.py (https://flask.palletsprojects.com/en/stable/cli/#application-discovery) */
const FLASK_FILES = ['wsgi.py', 'app.py']

/** What a start imports: the module's file, whether it runs as the program, and the function a server calls for the app. */
interface Started {
  path: string
  /** where the command's configuration names it, where not on its command line */
  how?: string
  asMain?: boolean
  factory?: string
}

/** The words after `python -m <tool>` as the tool's own command line. */
function unwrapped(argv: readonly string[]): readonly string[] {
  if (!PYTHON.test(basename(argv[0] ?? '')) || argv[1] !== '-m') return argv
  const tool = argv[2] ?? ''
  return Object.hasOwn(SERVERS, tool) || tool === 'flask' || tool === 'fastapi' ? argv.slice(2) : argv
}

function startedBy(cmd: LeafCommand, project: Project): Started | undefined {
  const argv = unwrapped(cmd.argv)
  const program = basename(argv[0] ?? '')
  const exists = (path: string) => project.cache.exists(path)
  const server = Object.hasOwn(SERVERS, program) ? SERVERS[program] : undefined
  if (server) return serverApp(argv.slice(1), server, cmd.cwd, exists)
  if (program === 'fastapi') return fastapiApp(argv.slice(1), cmd.cwd, project, exists)
  if (program === 'flask') return flaskApp(argv.slice(1), cmd, project)
  if (PYTHON.test(program)) return programRun(argv.slice(1), cmd.cwd, exists)
  return undefined
}

function serverApp(args: readonly string[], server: Server, cwd: string, exists: (path: string) => boolean): Started | undefined {
  const words = positionals(args, server.valued)
  const specs = words.map((w) => APP_SPEC.exec(w))
  // a server that defaults the attribute takes the module alone (`gunicorn app`): the last such word
  const spec = specs.find((m) => m?.[2] !== undefined) ?? (server.attribute !== undefined ? specs.filter((m) => m !== null).at(-1) : undefined)
  if (!spec) return undefined
  const dir = server.dir === undefined ? undefined : flagValue(args, server.dir)
  const base = dir === undefined ? cwd : joinPath(cwd, dir)
  const path = base === undefined ? undefined : moduleFile(base, spec[1]!.split('.'), exists)
  if (path === undefined) return undefined
  const called = spec[3] !== undefined || (server.factory !== undefined && hasFlag(args, [server.factory]))
  return { path, ...(called && spec[2] !== undefined && { factory: spec[2] }) }
}

/** `fastapi run [path] [--entrypoint module:attr]`: the file given, else pyproject.toml's entrypoint, else the first of the usual ones */
function fastapiApp(args: readonly string[], cwd: string, project: Project, exists: (path: string) => boolean): Started | undefined {
  const [command, path] = positionals(args, ['--host', '--port', '--root-path', '--app', '--workers', '-e', '--entrypoint'])
  if (command !== 'run' && command !== 'dev') return undefined
  const configured = path === undefined ? configuredEntrypoint(cwd, project) : undefined
  const entrypoint = APP_SPEC.exec(flagValue(args, ['--entrypoint', '-e']) ?? configured ?? '')
  if (entrypoint) {
    const found = moduleFile(cwd, entrypoint[1]!.split('.'), exists)
    return found === undefined ? undefined : { path: found, ...(configured !== undefined && { how: `entrypoint ${configured} in pyproject.toml` }) }
  }
  const candidates = path === undefined ? FASTAPI_FILES : [path, `${path}/__init__.py`]
  const found = candidates.map((file) => joinPath(cwd, file)).find((file): file is string => file !== undefined && exists(file))
  return found === undefined ? undefined : { path: found }
}

/**
 * `flask [--app X] run`, X from `--app`, FLASK_APP or a dotenv file: a module or file, with `:name` or `:factory(args)`.
 * Without a name Flask takes `app` or `application`, else calls `create_app` or `make_app`; a name
 * that is a function is called (https://flask.palletsprojects.com/en/stable/cli/#application-discovery).
 */
function flaskApp(args: readonly string[], cmd: LeafCommand, project: Project): Started | undefined {
  const global = ['--app', '-A', '--env-file', '-e']
  if (positionals(args, global)[0] !== 'run') return undefined
  const exists = (path: string) => project.cache.exists(path)
  const dotenv = flagValue(args, ['--app', '-A']) ?? cmd.env.FLASK_APP ?? dotenvApp(cmd.cwd, project)
  const value = typeof dotenv === 'object' ? dotenv.value : dotenv
  let path: string | undefined
  let name: string | undefined
  let called = false
  if (value === undefined) path = FLASK_FILES.map((file) => joinPath(cmd.cwd, file)).find((file): file is string => file !== undefined && exists(file))
  else {
    const [target = '', attribute] = value.split(':')
    const file = target.includes('/') || target.endsWith('.py')
    path = file ? moduleFile(cmd.cwd, [target.replace(/\.py$/, '')], exists) : moduleFile(cmd.cwd, target.split('.'), exists)
    name = attribute?.replace(/\(.*$/, '')
    called = attribute?.includes('(') ?? false
  }
  const module = path === undefined ? undefined : project.pythonModules.get(path)
  if (!module || path === undefined) return undefined
  const named = typeof dotenv === 'object' ? { how: `FLASK_APP=${dotenv.value} in ${dotenv.file}` } : {}
  if (name === undefined) {
    if (module.variables.has('app') || module.variables.has('application')) return { path, ...named }
    name = ['create_app', 'make_app'].find((factory) => module.exported.has(factory))
    called = name !== undefined
  }
  return { path, ...named, ...((called || (name !== undefined && module.exported.has(name) && !module.variables.has(name))) && name !== undefined && { factory: name }) }
}

/** `[tool.fastapi] entrypoint = "backend.main:app"` in the working directory's pyproject.toml (https://fastapi.tiangolo.com/fastapi-cli/) */
function configuredEntrypoint(cwd: string, project: Project): string | undefined {
  const lines = project.cache.get(joinPath(cwd, 'pyproject.toml')!)
  const parsed = lines && TomlView.parse(lines)
  return parsed && 'view' in parsed ? parsed.view.string('tool.fastapi.entrypoint')?.value : undefined
}

/**
 * FLASK_APP from the dotenv files the flask command loads (with python-dotenv, which a .flaskenv
 * is for): .env over .flaskenv, each the nearest at or above the working directory
 * (https://flask.palletsprojects.com/en/stable/cli/#environment-variables-from-dotenv)
 */
function dotenvApp(cwd: string, project: Project): { value: string; file: string } | undefined {
  for (const name of ['.env', '.flaskenv']) {
    for (const dir of selfAndAncestors(cwd)) {
      const file = joinPath(dir, name)!
      const text = project.cache.get(file)?.text
      if (text === undefined) continue
      const value = parseDotenv(text).FLASK_APP
      if (value !== undefined) return { value, file }
      break
    }
  }
  return undefined
}

/** `python app.py`, `python -m app.main` (its `__main__.py` for a package): the module runs as the program */
function programRun(args: readonly string[], cwd: string, exists: (path: string) => boolean): Started | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === '-m') {
      const parts = (args[i + 1] ?? '').split('.')
      const path = moduleFile(cwd, parts, exists)
      const main = joinPath(cwd, [...parts, '__main__.py'].join('/'))
      if (main !== undefined && exists(main)) return { path: main, asMain: true }
      return path === undefined ? undefined : { path, asMain: true }
    }
    if (a === '-c' || a === '-') return undefined
    if (a.startsWith('-')) {
      if (PYTHON_VALUED.includes(a)) i++
      continue
    }
    const path = a.endsWith('.py') ? joinPath(cwd, a) : undefined
    return path !== undefined && exists(path) ? { path, asMain: true } : undefined
  }
  return undefined
}

function entryOf(cmd: LeafCommand, project: Project): Entry | undefined {
  const started = startedBy(cmd, project)
  const module = started && project.pythonModules.get(started.path)
  if (!started || !module) return undefined
  const span = fileStartSpan(started.path)
  const how = started.asMain ? 'runs as the program' : 'imports'
  const runs: CodeEffects[] = []
  if (started.asMain && module.asMain) runs.push(module.asMain)
  if (started.factory !== undefined) runs.push({ effects: [], calls: [{ path: started.path, name: started.factory, span, guards: [] }] })
  const named = started.how === undefined ? '' : ` (${started.how})`
  return { path: started.path, hops: [{ span, label: `${started.path}, the module \`${cmd.argv.join(' ')}\` ${how}${named}` }], runs }
}

const pythonStart: SeedTool = {
  id: 'python-start',
  title: 'Python app start code',
  docs: 'https://fastapi.tiangolo.com/advanced/events/',
  ...startCodeMatchers(entryOf, (project) => project.pythonModules),
}
export default pythonStart
