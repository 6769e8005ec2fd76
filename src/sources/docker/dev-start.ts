// Whether a container starts a development server or workflow: evidence that the image or stack is a developer's, not production's.
import type { SeedguardConfig } from '../../config/types.js'
import type { ContextStep, ShellSource } from '../../model/context.js'
import { classifyEnvironmentName } from '../../production/evidence.js'
import type { Project } from '../../project/project.js'
import { parseShellOnce, type ShellWord } from '../../shell/parse.js'
import { programOf } from '../../shell/program.js'
import { runnerFor } from '../../shell/runners/index.js'
import { unwrap } from '../../shell/wrappers.js'
import { LineIndex } from '../../util/line-index.js'
import { basenameOf } from '../../util/paths.js'

/** A development command a container start runs: `server` for a dev server, otherwise a dev workflow (an install at start, dev settings). */
export interface DevStart {
  detail: string
  server: boolean
}

type Test = (args: string[], env: Record<string, string>) => boolean

const always: Test = () => true
const sub = (...names: string[]): Test => (args) => names.includes(args[0] ?? '')
const flag = (...flags: string[]): Test => (args) => args.some((a) => flags.includes(a))
const truthy = (value: string | undefined) => value !== undefined && /^(1|true|yes|on)$/i.test(value)

/**
 * Development servers by the program that runs them, each as its documentation describes it:
 * nodemon, ts-node-dev and node-dev restart on file changes (https://github.com/remy/nodemon#nodemon,
 * https://github.com/wclr/ts-node-dev); `next dev` (https://nextjs.org/docs/app/api-reference/cli/next),
 * `vite` (https://vite.dev/guide/cli), `nuxt dev`, `astro dev`, `remix dev`, `gatsby develop`,
 * `ng serve`, `vue-cli-service serve`, `webpack serve` and `react-scripts start`
 * (https://create-react-app.dev/docs/available-scripts/#npm-start) are the frameworks' development
 * modes; `node --watch`, `tsx watch`, `nest start --watch`, `bun --watch|--hot` rerun on changes;
 * Django's runserver is "not for production" (https://docs.djangoproject.com/en/stable/ref/django-admin/#runserver),
 * nor is Flask's debug server (https://flask.palletsprojects.com/en/stable/server/) or uvicorn's
 * `--reload` (https://www.uvicorn.org/settings/#development); `rails server` runs the development
 * environment unless told otherwise (https://guides.rubyonrails.org/command_line.html#bin-rails-server);
 * `php artisan serve` is Laravel's local server (https://laravel.com/docs/installation).
 */
const DEV_SERVERS = new Map<string, Test>(Object.entries({
  nodemon: always,
  'ts-node-dev': always,
  tsnd: always,
  'node-dev': always,
  'webpack-dev-server': always,
  next: sub('dev'),
  nuxt: sub('dev'),
  nuxi: sub('dev'),
  astro: sub('dev'),
  remix: sub('dev'),
  vite: (args) => args[0] === undefined || args[0].startsWith('-') || args[0] === 'dev' || args[0] === 'serve',
  gatsby: sub('develop'),
  ng: sub('serve'),
  'vue-cli-service': sub('serve'),
  webpack: sub('serve'),
  'react-scripts': sub('start'),
  node: flag('--watch'),
  tsx: (args) => args[0] === 'watch' || args.includes('--watch'),
  nest: (args) => args[0] === 'start' && args.some((a) => a === '--watch' || a === '-w'),
  bun: flag('--watch', '--hot'),
  'manage.py': sub('runserver'),
  'django-admin': sub('runserver'),
  flask: (args, env) => args.includes('run') && (args.some((a) => a === '--debug' || a === '--reload') || truthy(env.FLASK_DEBUG)),
  uvicorn: flag('--reload'),
  rails: (args, env) => (args[0] === 's' || args[0] === 'server') && !railsEnvironmentGiven(args, env),
  artisan: sub('serve'),
}))

/** `rails s -e production`, or RAILS_ENV set to anything but development: not the development default */
function railsEnvironmentGiven(args: string[], env: Record<string, string>): boolean {
  const at = args.findIndex((a) => a === '-e' || a === '--environment')
  const given = at >= 0 ? args[at + 1] : args.find((a) => a.startsWith('--environment='))?.slice('--environment='.length)
  const name = given ?? env.RAILS_ENV
  return name !== undefined && name !== 'development'
}

/** a shell script named for development (`start-dev.sh`, `entrypoint.dev.sh`, `docker/local.sh`) */
function isDevScript(path: string): boolean {
  const name = /^(.*)\.(sh|bash)$/.exec(basenameOf(path))?.[1]
  return name !== undefined && /(^|[.\-_])(dev|development|local)([.\-_]|$)/.test(name)
}

/**
 * The first development command a container start runs without a condition: a dev server (followed
 * through the package runner, `npm run dev` → package.json `dev` → `next dev`), an entry script named
 * for development, a dependency install at start (an image built for production has its
 * dependencies), or Django settings named for development. A command under `if` may be the
 * development branch of a script that serves production otherwise: it is not taken.
 */
export function devStartOf(project: Project, config: SeedguardConfig, steps: ContextStep[], env: Record<string, string>): DevStart | undefined {
  const found: DevStart[] = []
  const seen = new Set<string>()
  const visit = (source: ShellSource, cwd: string, depth: number, via: string | undefined): void => {
    const lines = source.file === '' ? new LineIndex('', source.text) : project.cache.get(source.file)
    const key = `${source.file}@${source.offsets(0)}@${source.text}`
    if (!lines || depth > 6 || seen.has(key)) return
    seen.add(key)
    for (const command of parseShellOnce(source, lines, cwd).commands) {
      if (command.guards.length > 0) continue
      const unwrapped = unwrap(command.words)
      if (unwrapped.commandString) {
        if (!unwrapped.commandString.dynamic) visit({ text: unwrapped.commandString.value, offsets: (i) => i, file: '', shell: 'sh' }, command.cwd, depth + 1, via)
        continue
      }
      words(unwrapped.words, { ...env, ...command.assignments, ...unwrapped.env }, command.cwd, depth, via)
    }
  }
  const words = (list: ShellWord[], vars: Record<string, string>, cwd: string, depth: number, via: string | undefined): void => {
    const argv = list.map((w) => w.value)
    const said = (what: string) => (via ? `${via} runs \`${what}\`` : `\`${what}\``)
    const [program = '', ...args] = programOf(argv)
    if (DEV_SERVERS.get(program)?.(args, vars)) return void found.push({ detail: said(argv.join(' ')), server: true })
    const script = argv.find((a, i) => i <= 1 && isDevScript(a))
    if (script) return void found.push({ detail: `${said(argv.join(' '))}, a script named for development`, server: true })
    const runner = list[0]?.dynamic ? undefined : runnerFor(list[0]?.value ?? '')
    for (const invocation of runner?.resolve(list, { cwd, project }) ?? []) {
      if (invocation.kind === 'install') found.push({ detail: `${said(argv.join(' '))}: dependencies installed when the container starts`, server: false })
      else if (invocation.kind === 'exec') words(unwrap(invocation.words).words, vars, invocation.cwd ?? cwd, depth + 1, via)
      else if (invocation.kind === 'command-string' && !invocation.word.dynamic) visit({ text: invocation.word.value, offsets: (i) => i, file: '', shell: 'sh' }, invocation.cwd ?? cwd, depth + 1, via)
      else if (invocation.kind === 'script') {
        const body = project.packages.get(invocation.packageDir)?.scripts.get(invocation.name)
        if (body) visit(body.source, invocation.packageDir, depth + 1, `\`${argv.join(' ')}\` → package.json \`${invocation.name}\``)
      }
    }
  }
  for (const step of steps) {
    if (step.source && isDevScript(step.source.file)) found.push({ detail: `${step.label}, a script named for development`, server: true })
    else if (step.source) visit(step.source, step.cwd, 0, undefined)
    // the command a start script is handed (`entrypoint.sh` then compose's `command:`), which it runs with `exec "$@"`
    if (step.source && step.args && step.args.length > 0) words(step.args.map((value) => ({ value, span: step.span, dynamic: false })), env, step.cwd, 0, `${step.label} with`)
  }
  const settings = env.DJANGO_SETTINGS_MODULE
  // `config.settings.local`, `app.settings_dev`: the settings module Django runs with names its environment
  if (settings && classifyEnvironmentName(settings.slice(settings.lastIndexOf('.') + 1).replace(/^settings_?/, ''), config) === 'not-production') {
    found.push({ detail: `DJANGO_SETTINGS_MODULE=${settings}`, server: false })
  }
  return found.find((f) => f.server) ?? found[0]
}
