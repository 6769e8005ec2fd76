// What a shell script does that makes it a deploy or production start script whatever its name:
// it updates the checkout it runs in and brings the compose stack up there, or it pins a production
// environment on its own commands and starts the app server (or, as an entrypoint, the command it is given).
import type { SeedguardConfig } from '../config/types.js'
import type { ShellSource } from '../model/context.js'
import { RUNTIME_ENV_VARIABLES } from '../model/runtime.js'
import type { Deployments } from '../production/deployments.js'
import { classifyEnvironmentName } from '../production/evidence.js'
import type { Project } from '../project/project.js'
import { flagValue, positionals } from '../seeds/argv.js'
import { commandText, parseShellOnce, type SimpleCommand } from '../shell/parse.js'
import { programOf } from '../shell/program.js'
import { unwrap } from '../shell/wrappers.js'
import { uncalledScriptCwd } from './script-cwd.js'
import { composeCommandOf } from './docker/compose-command.js'
import { composeFileProduction } from './docker/compose-stack.js'

type Test = (args: string[]) => boolean
const always: Test = () => true
const sub = (...names: string[]): Test => (args) => names.includes(args[0] ?? '')

/**
 * Commands that start an app server and keep it running, each as its documentation describes it:
 * `rails server` (https://guides.rubyonrails.org/command_line.html#bin-rails-server), Puma, Unicorn,
 * Thin, Passenger, rackup; `php artisan serve`, Octane (https://laravel.com/docs/octane#serving-your-application),
 * PHP-FPM, FrankenPHP; Gunicorn, Uvicorn, Hypercorn, Daphne, Waitress; `mix phx.server`
 * (https://hexdocs.pm/phoenix/Mix.Tasks.Phx.Server.html); `npm start` and pm2.
 */
const SERVERS = new Map<string, Test>(Object.entries({
  rails: sub('s', 'server'),
  puma: always,
  pumactl: sub('start'),
  unicorn: always,
  unicorn_rails: always,
  thin: sub('start'),
  passenger: sub('start'),
  rackup: always,
  artisan: sub('serve', 'octane:start'),
  frankenphp: sub('run', 'php-server'),
  gunicorn: always,
  uvicorn: always,
  hypercorn: always,
  daphne: always,
  'waitress-serve': always,
  mix: sub('phx.server'),
  npm: sub('start'),
  yarn: sub('start'),
  pnpm: sub('start'),
  pm2: sub('start'),
  'pm2-runtime': always,
}))
/** php-fpm as distributions name it: php-fpm, php-fpm8.3, php82-fpm */
const PHP_FPM = /^php(-fpm[\d.]*|[\d.]+-fpm)$/

/**
 * The options that choose the environment a framework's command runs in: `rails … -e production`
 * (https://guides.rubyonrails.org/command_line.html), `php artisan … --env=production`
 * (https://laravel.com/docs/configuration#environment-configuration), Symfony's `bin/console --env=prod`
 * (https://symfony.com/doc/current/configuration.html#selecting-the-active-environment).
 */
const ENVIRONMENT_FLAGS = new Map<string, string[]>([
  ['rails', ['-e', '--environment']],
  ['artisan', ['--env']],
  ['console', ['-e', '--env']],
])

/** worth a parse: the words the roles need, anywhere in the text */
const MAY_PULL_AND_UP = /\bgit\b[\s\S]*\bcompose\b/
const MAY_START_PRODUCTION = /ENV|STAGE|\s-e\s|--env|PORT|prod/

/**
 * Why the script deploys or starts production, as a reason's detail; undefined when it does
 * neither. Who runs it is not in the files, so the caller takes it as weak evidence.
 */
export function productionRoleOf(project: Project, config: SeedguardConfig, deployments: Deployments, source: ShellSource): string | undefined {
  const lines = project.cache.get(source.file)
  if (!lines || !(MAY_PULL_AND_UP.test(source.text) || MAY_START_PRODUCTION.test(source.text))) return undefined
  const commands = parseShellOnce(source, lines, uncalledScriptCwd(project, source)).commands
  return pullsAndBringsUp(project, config, deployments, source.file, commands) ?? startsProduction(config, source.file, commands)
}

/**
 * `git pull` (or `git fetch` then `git reset`), then `docker compose up` or `run` where the script
 * runs: the way a server updates itself to the pushed code. A stack for development (a compose
 * file or a profile named for it) is not production's.
 */
function pullsAndBringsUp(project: Project, config: SeedguardConfig, deployments: Deployments, file: string, commands: SimpleCommand[]): string | undefined {
  let fetched = false
  let pulled: string | undefined
  const exported: Record<string, string> = {}
  for (const command of commands) {
    Object.assign(exported, command.exported)
    const { words, env } = unwrap(command.words)
    const argv = words.map((w) => w.value)
    if (argv[0] === 'git') {
      const subcommand = positionals(argv.slice(1), ['-C', '-c'])[0]
      if (subcommand === 'pull' || (fetched && subcommand === 'reset')) pulled ??= commandText(words)
      fetched ||= subcommand === 'fetch'
      continue
    }
    const compose = pulled === undefined ? undefined : composeCommandOf(project, argv, command.cwd, { ...exported, ...command.assignments, ...env })
    if (!compose || (compose.subcommand !== 'up' && compose.subcommand !== 'run')) continue
    const development = compose.profiles.some((p) => classifyEnvironmentName(p, config) === 'not-production') || compose.files.some((f) => composeFileProduction(project, config, deployments, f).production === 'not-production')
    if (!development) return `${file} pulls the repository and brings up the compose stack on the host it runs on (\`${pulled}\`, then \`${commandText(words)}\`)`
  }
  return undefined
}

/**
 * A server start in a script that sets a production environment on its own commands
 * (`RAILS_ENV=production`, `export APP_ENV=production`, `artisan … --env=production`) (or, there,
 * hands over to the command it is given with `exec "$@"`, an entrypoint's way to start it), that binds
 * the port a platform hands its start command (`--port=$PORT`: Heroku, https://devcenter.heroku.com/articles/dynos#local-environment-variables;
 * Railway, https://docs.railway.com/guides/public-networking#port-variable; Render, https://render.com/docs/environment-variables),
 * or that runs a package script named for production (`npm run start:prod`). NODE_ENV is left
 * out: production builds and test runs set it too.
 */
function startsProduction(config: SeedguardConfig, file: string, commands: SimpleCommand[]): string | undefined {
  let pinned: string | undefined
  const exported: Record<string, string> = {}
  for (const command of commands) {
    Object.assign(exported, command.exported)
    const { words, env } = unwrap(command.words)
    const argv = words.map((w) => w.value)
    const [program = '', ...args] = programOf(argv)
    const named = environmentOf(program, args, { ...exported, ...command.assignments, ...env })
    const verdict = named && classifyEnvironmentName(named.value, config)
    if (verdict === 'production') pinned ??= named!.setting
    const started = `\`${commandText(words)}\``
    const productionScript = productionScriptOf(program, args, config)
    if (productionScript && verdict !== 'not-production') return `${file} starts the server with the package script \`${productionScript}\`, named for production (${started})`
    // `exec "$@"`: the entrypoint convention, the script becomes the command it was given, the image's CMD
    // (https://docs.docker.com/build/building/best-practices/#entrypoint)
    const raw = command.words.map((w) => w.value)
    if (pinned !== undefined && raw.length === 2 && raw[0] === 'exec' && (raw[1] === '$@' || raw[1] === '$*')) return `${file} sets ${pinned} on its commands, then becomes the command it is given (\`exec "$@"\`), as a container's entrypoint runs the image's CMD`
    const server = SERVERS.get(program)?.(args) || PHP_FPM.test(program)
    if (!server || verdict === 'not-production') continue
    if (pinned === undefined) {
      if (words.some((w) => /\$\{?PORT\b/.test(w.value))) return `${file} starts the server on $PORT, the port a platform (Heroku, Railway, Render) gives the command it starts (${started})`
      continue
    }
    return verdict === 'production' ? `${file} starts the server with ${named!.setting} (${started})` : `${file} sets ${pinned} on its commands and starts the server (${started})`
  }
  return undefined
}

/** `npm run start:prod`, `yarn serve:production`: a package script to start, named for production */
function productionScriptOf(program: string, args: string[], config: SeedguardConfig): string | undefined {
  if (!['npm', 'yarn', 'pnpm', 'bun'].includes(program)) return undefined
  const [first, second] = positionals(args)
  const name = first === 'run' || first === 'run-script' ? second : program === 'npm' ? undefined : first
  if (name === undefined) return undefined
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean)
  return words.some((w) => /^(start|serve|server|run)$/.test(w)) && words.some((w) => classifyEnvironmentName(w, config) === 'production') ? name : undefined
}

/** the environment a command is told to run in: by its framework's option, else by a `*_ENV` variable */
function environmentOf(program: string, args: string[], env: Record<string, string>): { setting: string; value: string } | undefined {
  for (const flag of ENVIRONMENT_FLAGS.get(program) ?? []) {
    const value = flagValue(args, [flag])
    if (value !== undefined) return { setting: flag.startsWith('--') ? `${flag}=${value}` : `${flag} ${value}`, value }
  }
  const name = RUNTIME_ENV_VARIABLES.find((v) => v !== 'NODE_ENV' && env[v] !== undefined)
  return name === undefined ? undefined : { setting: `${name}=${env[name]}`, value: env[name]! }
}
