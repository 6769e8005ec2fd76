// The programs supervisord starts in a container: the command line that starts it, the config it
// reads from the image's files, the files that config includes. http://supervisord.org/configuration.html
import picomatch from 'picomatch'
import type { Project } from '../../project/project.js'
import { basenameOf } from '../../util/paths.js'
import { containerDirOf, containerPath, filesUnder, resolveFile } from './container-paths.js'
import type { Runtime } from './runtime.js'
import { environmentPairs, expand, isFalse, parseSupervisorConfig, type Located } from './supervisor-config.js'
import type { ImageCommand } from './types.js'

export interface SupervisorProgram {
  /** the section, `program:worker` */
  section: string
  /** the repository file that defines it */
  file: string
  command: Located
  /** its `directory=`, a container path */
  directory: string | undefined
  /** `[supervisord] environment=`, then its own `environment=` */
  env: Record<string, string>
}

export type SupervisorPrograms = { programs: SupervisorProgram[] } | { unreadable: string }

/** `[program:x]`, `[fcgi-program:x]` and `[eventlistener:x]` all start their `command=` */
const PROGRAM = /^(program|fcgi-program|eventlistener):(.+)$/

/**
 * Where supervisord looks when no `-c` names a config: beside its executable (`../etc`, `..`, for
 * the two usual install places), then the working directory, then /etc.
 */
const SEARCHED = (cwd: string) => ['/usr/etc/supervisord.conf', '/usr/supervisord.conf', '/usr/local/etc/supervisord.conf', '/usr/local/supervisord.conf', containerPath(cwd, 'supervisord.conf'), containerPath(cwd, 'etc/supervisord.conf'), '/etc/supervisord.conf', '/etc/supervisor/supervisord.conf']

/**
 * What the distributions' own supervisord.conf includes, when the image keeps it: Debian and
 * Ubuntu's `/etc/supervisor/conf.d/*.conf`
 * (https://salsa.debian.org/python-team/packages/supervisor/-/blob/debian/master/debian/supervisord.conf),
 * Alpine's `/etc/supervisor.d/*.ini` (https://gitlab.alpinelinux.org/alpine/aports/-/blob/master/main/supervisor/supervisord.conf).
 */
const PACKAGED = { paths: ['/etc/supervisor/supervisord.conf', '/etc/supervisord.conf'], includes: ['/etc/supervisor/conf.d/*.conf', '/etc/supervisor.d/*.ini'] }

/** the config a supervisord the container starts reads (`-c`, else undefined: the default search); no result when it starts none */
export function supervisordStart(project: Project, rt: Runtime, commands: (ImageCommand | undefined)[]): { config: string | undefined } | undefined {
  for (const command of commands) {
    if (!command) continue
    // run by the command itself (`tini -- supervisord -n`), or by a script it runs (`exec supervisord -c …`)
    const at = command.words.findIndex((w) => basenameOf(w) === 'supervisord')
    if (at >= 0) return { config: configOption(command.words.slice(at + 1).join(' ')) }
    const script = command.words.find((w, i) => i < 2 && !/^(\/bin\/|\/usr\/bin\/)?(ba|da|a)?sh$/.test(w))
    const scriptText = script === undefined ? undefined : project.cache.get(resolveFile(project, rt.mounts, containerPath(rt.workdir, script)) ?? '')?.text
    for (const text of [command.source.text, scriptText]) {
      const line = text?.replace(/'/g, '').match(/(?:^|[;&|(`]|\bexec)\s*(?:[\w./-]*\/)?supervisord(?![\w.-])([^\n;&|]*)/m)
      if (line) return { config: configOption(line[1]!) }
    }
  }
  return undefined
}

function configOption(args: string): string | undefined {
  return /(?:^|\s)(?:-c\s*|--configuration[=\s]+)["']?([^\s"']+)/.exec(args)?.[1]
}

/** every program the config starts at container start: `autostart=false` ones wait for `supervisorctl start` */
export function supervisorPrograms(project: Project, rt: Runtime, config: string | undefined): SupervisorPrograms {
  const path = config === undefined ? SEARCHED(rt.workdir).find((p) => resolveFile(project, rt.mounts, p)) : containerPath(rt.workdir, config)
  const file = path === undefined ? undefined : resolveFile(project, rt.mounts, path)
  if (file === undefined && path !== undefined && !PACKAGED.paths.includes(path)) return { unreadable: `supervisord reads ${path}, which no COPY puts in the image` }
  const main = file === undefined ? undefined : readConfig(project, file, path!, rt.env)
  const includes = main ? main.includes : PACKAGED.includes
  const included = includes.flatMap((glob) => {
    const matches = picomatch(glob)
    return filesUnder(project, rt.mounts, staticDir(glob)).filter((f) => matches(f.path))
  })
  const configs = [...(main ? [main] : []), ...included.map((f) => readConfig(project, f.file, f.path, rt.env))]
  const globalEnv = main?.globalEnv ?? {}
  return { programs: configs.flatMap((c) => c.programs.map((p) => ({ ...p, env: { ...globalEnv, ...p.env } }))) }
}

/** the directory part of a glob before its first wildcard */
function staticDir(glob: string): string {
  const parts = glob.split('/')
  const wild = parts.findIndex((p) => /[*?[{]/.test(p))
  return containerDirOf(wild < 0 ? glob : parts.slice(0, wild + 1).join('/'))
}

function readConfig(project: Project, file: string, path: string, env: Record<string, string>) {
  const here = containerDirOf(path)
  const names: Record<string, string> = { here, ...Object.fromEntries(Object.entries(env).map(([k, v]) => [`ENV_${k}`, v])) }
  const sections = parseSupervisorConfig(project.cache.get(file)!.text)
  const value = (options: Map<string, Located>, key: string, extra: Record<string, string> = {}) => {
    const raw = options.get(key)
    return raw && expand(raw, { ...names, ...extra })
  }
  const supervisord = sections.find((s) => s.name === 'supervisord')?.options
  const include = sections.find((s) => s.name === 'include')?.options
  const programs: SupervisorProgram[] = []
  for (const { name, options } of sections) {
    const match = PROGRAM.exec(name)
    if (!match) continue
    // %(program_name)s, %(group_name)s (the program's own group unless a [group] lists it) and %(process_num)s of the first process
    const own = { program_name: match[2]!, group_name: match[2]!, process_num: '0' }
    const command = value(options, 'command', own)
    if (!command || isFalse(value(options, 'autostart', own)?.text)) continue
    const directory = value(options, 'directory', own)?.text
    programs.push({ section: name, file, command, directory: directory && containerPath(here, directory), env: environmentPairs(value(options, 'environment', own)?.text ?? '') })
  }
  return {
    programs,
    globalEnv: environmentPairs((supervisord && value(supervisord, 'environment')?.text) ?? ''),
    // relative globs are relative to the directory of the file that includes them
    includes: ((include && value(include, 'files')?.text) ?? '').split(/\s+/).filter(Boolean).map((glob) => containerPath(here, glob)),
  }
}
