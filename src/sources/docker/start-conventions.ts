// What a base image runs on every container start besides ENTRYPOINT and CMD: init systems that
// run the scripts an image puts in their directories, and base images that run the project's own
// scripts or commands when a variable asks them to.
import { envVarReasons } from '../../production/evidence.js'
import type { SeedguardConfig } from '../../config/types.js'
import type { ContextStep } from '../../model/context.js'
import type { Span } from '../../model/span.js'
import type { Project } from '../../project/project.js'
import { baseIs, TIANGOLO_IMAGES } from './base-images.js'
import { plainWords } from './commands.js'
import { containerDirOf, filesUnder, repoDirOf, resolveFile } from './container-paths.js'
import { commandSteps, dedupeSteps, runtimeSteps, type Runtime } from './runtime.js'
import { supervisordStart, supervisorPrograms } from './supervisord.js'
import type { ImageCommand, Stage } from './types.js'

/** how a container of the image starts: its stage, runtime, and the ENTRYPOINT and CMD in effect */
export interface Start {
  stage: Stage
  rt: Runtime
  entrypoint: ImageCommand | undefined
  cmd: ImageCommand | undefined
}

interface Convention {
  /** whether the container starts through this convention's init */
  active(start: Start): boolean
  steps(project: Project, start: Start, make: StepMaker): ContextStep[]
}

interface StepMaker {
  /** a repository file the convention runs */
  file(file: string, label: string, span?: Span): ContextStep
  /** a command line the base image runs, located where the setting that asks for it is written */
  command(text: string, label: string, span: Span): ContextStep
  /** a command an init starts with a runtime of its own (a supervisord program's directory and environment) */
  run(command: ImageCommand, rt: Runtime): ContextStep[]
}

const firstWord = (command: ImageCommand | undefined) => command?.words[0]

/**
 * s6-overlay's `/init` (the ENTRYPOINT of s6-based images such as linuxserver.io's) runs, before
 * CMD, every `/etc/cont-init.d` script, the `up` of each oneshot and the `run` of each longrun
 * service under `/etc/s6-overlay/s6-rc.d`, and the legacy `/etc/services.d/<name>/run` services;
 * linuxserver.io images also run `/custom-cont-init.d`. https://github.com/just-containers/s6-overlay#usage
 * A Dockerfile ENTRYPOINT other than `/init` replaces it.
 */
const s6: Convention = {
  active: ({ entrypoint }) => !entrypoint || firstWord(entrypoint) === '/init',
  steps(project, { rt }, make) {
    const out: ContextStep[] = []
    for (const dir of ['/etc/cont-init.d', '/custom-cont-init.d']) {
      for (const { file, path, span } of filesUnder(project, rt.mounts, dir)) if (path.split('/').length === dir.split('/').length + 1) out.push(make.file(file, `s6-overlay runs ${path} on every start`, span))
    }
    for (const { file, path, span } of filesUnder(project, rt.mounts, '/etc/services.d')) if (/^\/etc\/services\.d\/[^/]+\/run$/.test(path)) out.push(make.file(file, `s6-overlay starts service ${path}`, span))
    for (const { file, path, span } of filesUnder(project, rt.mounts, '/etc/s6-overlay/s6-rc.d')) {
      if (/^\/etc\/s6-overlay\/s6-rc\.d\/[^/]+\/run$/.test(path)) out.push(make.file(file, `s6-overlay starts service ${path}`, span))
      if (!/^\/etc\/s6-overlay\/s6-rc\.d\/[^/]+\/up$/.test(path)) continue
      // `up` is one execline command line, most often the path of a script
      const program = project.cache.get(file)?.text.trim().split(/\s+/)[0]
      const script = program?.startsWith('/') ? resolveFile(project, rt.mounts, program) : undefined
      out.push(make.file(script ?? file, `s6-overlay runs oneshot ${path}${script ? ` → ${program}` : ''}`, span))
    }
    return out
  },
}

/**
 * phusion/baseimage's `/sbin/my_init` (its CMD) runs every `/etc/my_init.d` script in order, then
 * `/etc/rc.local`, before the services: https://github.com/phusion/baseimage-docker#running_startup_scripts
 */
const phusion: Convention = {
  active: ({ stage, entrypoint, cmd }) => firstWord(cmd) === '/sbin/my_init' || (!cmd && !entrypoint && baseIs(stage.base, /^phusion\//)),
  steps(project, { rt }, make) {
    const scripts = filesUnder(project, rt.mounts, '/etc/my_init.d').filter(({ path }) => path.split('/').length === 4)
    const rcLocal = filesUnder(project, rt.mounts, '/etc').find(({ path }) => path === '/etc/rc.local')
    return [...scripts, ...(rcLocal ? [rcLocal] : [])].map(({ file, path, span }) => make.file(file, `my_init runs ${path} on every start`, span))
  },
}

/**
 * richarvey/nginx-php-fpm's `/start.sh` (its CMD) runs every file of `$SCRIPTS_DIR` (default
 * /var/www/html/scripts) when `RUN_SCRIPTS=1`:
 * https://github.com/richarvey/nginx-php-fpm/blob/main/docs/scripting_templating.md
 */
const richarvey: Convention = {
  active: ({ stage, rt, cmd }) => baseIs(stage.base, /^richarvey\/nginx-php-fpm(:|$)/) && rt.env.RUN_SCRIPTS === '1' && (!cmd || firstWord(cmd) === '/start.sh'),
  steps(project, { stage, rt }, make) {
    const dir = rt.env.SCRIPTS_DIR ?? '/var/www/html/scripts'
    const span = stage.envAt.RUN_SCRIPTS
    return filesUnder(project, rt.mounts, dir)
      .filter(({ path }) => path.split('/').length === dir.split('/').length + 1)
      .map(({ file, path }) => make.file(file, `nginx-php-fpm runs ${path} on every start (RUN_SCRIPTS=1)`, span))
  },
}

/**
 * serversideup/php's entrypoint runs its Laravel automations when `AUTORUN_ENABLED=true`: `php
 * artisan migrate --force` (on by default), with `--seed` when `AUTORUN_LARAVEL_MIGRATION_SEED=true`,
 * as `migrate:fresh`/`migrate:refresh` by `AUTORUN_LARAVEL_MIGRATION_MODE`, on every start of every
 * replica. https://serversideup.net/open-source/docker-php/docs/laravel/laravel-automations
 */
const serversideup: Convention = {
  active: ({ stage, rt, entrypoint }) => baseIs(stage.base, /^serversideup\/php(:|$)/) && rt.env.AUTORUN_ENABLED === 'true' && !entrypoint,
  steps(_project, { stage, rt }, make) {
    if (rt.env.AUTORUN_LARAVEL_MIGRATION === 'false') return []
    const mode = rt.env.AUTORUN_LARAVEL_MIGRATION_MODE
    const migrate = mode === 'fresh' ? 'migrate:fresh' : mode === 'refresh' ? 'migrate:refresh' : 'migrate'
    const force = rt.env.AUTORUN_LARAVEL_MIGRATION_FORCE === 'false' ? '' : ' --force'
    const seed = rt.env.AUTORUN_LARAVEL_MIGRATION_SEED === 'true' ? ' --seed' : ''
    const span = (seed ? stage.envAt.AUTORUN_LARAVEL_MIGRATION_SEED : undefined) ?? stage.envAt.AUTORUN_ENABLED ?? stage.span
    return [make.command(`php artisan ${migrate}${force}${seed}`, 'serversideup/php Laravel automations (AUTORUN_ENABLED=true) on every start', span)]
  },
}

/**
 * tiangolo's uvicorn-gunicorn(-fastapi), uwsgi-nginx(-flask) and meinheld-gunicorn images start
 * with `/start.sh`, which sources `$PRE_START_PATH` (default /app/prestart.sh) before the server:
 * https://github.com/tiangolo/uvicorn-gunicorn-fastapi-docker#custom-appprestartsh. A Dockerfile
 * ENTRYPOINT of its own resets the inherited CMD, and a CMD of its own replaces /start.sh.
 */
const tiangoloPrestart: Convention = {
  active: ({ stage, entrypoint, cmd }) => baseIs(stage.base, TIANGOLO_IMAGES) && (firstWord(cmd) === '/start.sh' || (!cmd && !entrypoint)),
  steps(project, { rt }, make) {
    const path = rt.env.PRE_START_PATH ?? '/app/prestart.sh'
    const found = filesUnder(project, rt.mounts, containerDirOf(path)).find((f) => f.path === path)
    return found ? [make.file(found.file, `/start.sh runs ${path} on every start`, found.span)] : []
  },
}

/**
 * webdevops' PHP images (php-nginx, php-apache, …) run every `/opt/docker/provision/entrypoint.d/*.sh`
 * from their ENTRYPOINT on each start: https://dockerfile.readthedocs.io/en/latest/content/Customization/provisioning.html
 */
const webdevops: Convention = {
  active: ({ stage, entrypoint }) => baseIs(stage.base, /^webdevops\//) && !entrypoint,
  steps(project, { rt }, make) {
    const dir = '/opt/docker/provision/entrypoint.d'
    return filesUnder(project, rt.mounts, dir)
      .filter(({ path }) => path.split('/').length === dir.split('/').length + 1 && path.endsWith('.sh'))
      .map(({ file, path, span }) => make.file(file, `the webdevops entrypoint runs ${path} on every start`, span))
  },
}

/**
 * supervisord, where ENTRYPOINT or CMD (or the script they run) starts it, starts every
 * `[program:x]` of its config and of the files that config's `[include]` names, unless
 * `autostart=false`: its `command=` in its `directory=` with its `environment=`. The config is
 * found in the image's files where COPY put it. http://supervisord.org/configuration.html
 */
const supervisord: Convention = {
  // whether the container starts it is read from the scripts ENTRYPOINT and CMD run, so in `steps`
  active: () => true,
  steps(project, { stage, rt, entrypoint, cmd }, make) {
    const start = supervisordStart(project, rt, [entrypoint, cmd])
    if (!start) return []
    const found = supervisorPrograms(project, rt, start.config)
    const at = (cmd ?? entrypoint)?.span ?? stage.span
    if ('unreadable' in found) return [{ label: 'supervisord', span: at, cwd: rt.cwd, env: rt.env, reasons: [], invoke: [{ kind: 'unresolved', reason: `${found.unreadable}: what it starts cannot be read` }] }]
    return found.programs.flatMap((program) => {
      const { command } = program
      const end = command.offsets[command.text.length]!
      const lines = project.cache.get(program.file)!
      const source = { text: command.text, offsets: (i: number) => command.offsets[i] ?? end, file: program.file, shell: 'sh' as const }
      const span = lines.span(command.offsets[0]!, end)
      const words = plainWords(command.text)
      const label = `supervisord starts [${program.section}] (${program.file})`
      const workdir = program.directory ?? rt.workdir
      const env = { ...rt.env, ...program.env }
      return make.run({ label, exec: false, words, source, span, at: command.offsets[0]! }, { ...rt, workdir, cwd: repoDirOf(project, rt.mounts, workdir, rt.cwd), env })
    })
  },
}

const CONVENTIONS: Convention[] = [s6, phusion, richarvey, serversideup, tiangoloPrestart, webdevops, supervisord]

/** the scripts a container's init or base image runs on every start, before its command */
function conventionSteps(project: Project, config: SeedguardConfig, start: Start): ContextStep[] {
  const base = (span: Span) => ({ span, cwd: start.rt.cwd, env: start.rt.env, reasons: envVarReasons(start.rt.evidenceEnv, config, span) })
  const make: StepMaker = {
    file: (file, label, span) => ({ ...base(span ?? start.stage.span), label, source: { text: project.cache.get(file)!.text, offsets: (i) => i, file, shell: 'bash' } }),
    // every character of the command stands at the setting, so the finding points there
    command: (text, label, span) => ({ ...base(span), label, source: { text, offsets: (i) => span.start.offset + Math.min(i, span.end.offset - span.start.offset), file: span.file, shell: 'sh' } }),
    run: (command, rt) => commandSteps(project, config, rt, command),
  }
  return CONVENTIONS.filter((c) => c.active(start)).flatMap((c) => c.steps(project, start, make))
}

/** everything a container start runs: the base image's conventions, then ENTRYPOINT and CMD */
export function containerStartSteps(project: Project, config: SeedguardConfig, start: Start): ContextStep[] {
  // a shell-form ENTRYPOINT, or a shell-form CMD with none, is `/bin/sh -c …`: without a shell the container does not start
  // (https://docs.docker.com/reference/dockerfile/#shell-and-exec-form)
  const process = start.entrypoint ?? start.cmd
  if (start.stage.shellless && process && !process.exec) return []
  return dedupeSteps([...conventionSteps(project, config, start), ...runtimeSteps(project, config, start.rt, start.entrypoint, start.cmd)])
}
