// What a container runs when it starts (ENTRYPOINT, CMD, a platform's command), following the scripts it runs in the image.
import { envVarReasons } from '../../production/evidence.js'
import type { SeedguardConfig } from '../../config/types.js'
import type { ContextStep, ShellSource } from '../../model/context.js'
import type { ImageUse } from '../../production/deployments.js'
import type { Project } from '../../project/project.js'
import { shellSourceOfArgv } from '../../util/exec-form.js'
import { basenameOf, joinPath, relativePath } from '../../util/paths.js'
import { containerDirOf, containerPath, listDir, mirroredRepoDir, repoDirOf, resolveFile } from './container-paths.js'
import { plainWords } from './commands.js'
import { imageProcfileProcesses } from './procfile-start.js'
import type { ImageCommand, Mount, Stage, WrittenFile } from './types.js'
import { writtenAt, writtenSource } from './written-files.js'

const EXEC_WRAPPER = /(^|\/)(tini|tini-static|dumb-init|gosu|su-exec|catatonit|init|s6-svscan|docker-entrypoint|entrypoint|pid1)$/
const SHELL_SHEBANG = /^#!.*\b(ba|da|a)?sh\b/
const PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']

/** where a container's commands run: its files, working directory and environment */
export interface Runtime {
  mounts: Mount[]
  /** files the Dockerfile wrote itself, found before the repository's */
  written: WrittenFile[]
  workdir: string
  cwd: string
  env: Record<string, string>
  /** the variables whose `*_ENV` values count as evidence of production (all of `env`, unless a production deploy starts the container) */
  evidenceEnv: Record<string, string>
}

export function runtimeOf(project: Project, context: string, stage: Stage): Runtime {
  return { mounts: stage.mounts, written: stage.written, workdir: stage.workdir, cwd: repoDirOf(project, stage.mounts, stage.workdir, context), env: stage.env, evidenceEnv: stage.env }
}

/**
 * ENTRYPOINT and CMD as the container runs them: a shell-form ENTRYPOINT ignores CMD; an exec-form
 * one gets CMD as arguments, so an entrypoint script runs CMD where it passes on `"$@"`.
 */
export function runtimeSteps(project: Project, config: SeedguardConfig, rt: Runtime, entrypoint: ImageCommand | undefined, cmd: ImageCommand | undefined): ContextStep[] {
  if (entrypoint && !entrypoint.exec) return commandSteps(project, config, rt, entrypoint)
  if (!entrypoint) return cmd ? commandSteps(project, config, rt, cmd) : []
  const script = scriptOf(project, rt, entrypoint.words)
  if (script) {
    // the script's arguments: its own, then CMD (a shell-form CMD is passed as `/bin/sh -c …`)
    const args = [...script.args, ...(!cmd ? [] : cmd.exec ? cmd.words : ['/bin/sh', '-c', cmd.source.text])]
    const steps = scriptSteps(project, config, rt, entrypoint, { ...script, args })
    if (cmd && (!script.source || /\$\{?[@*1]/.test(script.source.text))) steps.push(...commandSteps(project, config, rt, cmd))
    return steps
  }
  // `ENTRYPOINT ["npm", "run"]` + `CMD ["start"]` is one command line; an init (`tini --`) or a base
  // image's entrypoint script (`docker-entrypoint.sh`) runs CMD as a command of its own
  const wrapper = EXEC_WRAPPER.test(entrypoint.words[0] ?? '') || /\.sh$/.test(entrypoint.words[0] ?? '')
  if (cmd?.argv && entrypoint.argv && cmd.source.file === entrypoint.source.file && !wrapper) {
    const lines = project.cache.get(cmd.source.file)!
    const argv = [...entrypoint.argv, ...cmd.argv]
    const joined = shellSourceOfArgv(argv, lines)
    // keyed at the ENTRYPOINT instruction, so it never shares a parse with ENTRYPOINT's own text
    const source: ShellSource = { ...joined, text: ` ${joined.text}`, offsets: (i) => (i === 0 ? entrypoint.at : joined.offsets(i - 1)) }
    return commandSteps(project, config, rt, { ...entrypoint, label: `${entrypoint.label} + ${cmd.label}`, words: argv.map((a) => a.value), argv, source })
  }
  return [...commandSteps(project, config, rt, entrypoint), ...(cmd ? commandSteps(project, config, rt, cmd) : [])]
}

/** a command the container runs, and the script it runs where it is one */
export function commandSteps(project: Project, config: SeedguardConfig, rt: Runtime, command: ImageCommand): ContextStep[] {
  const script = scriptOf(project, rt, command.words)
  if (script) return scriptSteps(project, config, rt, command, script)
  const processes = imageProcfileProcesses(project, rt, command)
  if (processes) return processes.flatMap((process) => commandSteps(project, config, process.rt, process.command))
  return [{ label: command.label, span: command.span, source: command.source, cwd: rt.cwd, env: rt.env, reasons: envVarReasons(rt.evidenceEnv, config, command.span) }]
}

/** a script a command runs, with the arguments it passes; no `source` when the image build writes it in a way that cannot be rendered */
interface ImageScript {
  path: string
  source: ShellSource | undefined
  written?: WrittenFile
  args: string[]
  /** its `$0`, named as the walker reads paths */
  invokedAs: string | undefined
}

/** a script the command runs, found through the image's files: `/app/entrypoint.sh`, `docker-entrypoint` on PATH, `sh init.sh` */
function scriptOf(project: Project, rt: Runtime, words: string[]): ImageScript | undefined {
  const [first, second] = words
  if (first === undefined) return undefined
  const viaShell = /^(\/bin\/|\/usr\/bin\/)?(sh|bash|ash|dash)$/.test(first)
  const target = viaShell ? second : first
  if (target === undefined || target.startsWith('-')) return undefined
  const candidates = target.startsWith('/') ? [target] : target.includes('/') || viaShell ? [containerPath(rt.workdir, target)] : PATH.map((d) => `${d}/${target}`)
  const args = words.slice(viaShell ? 2 : 1)
  // a file the Dockerfile wrote is what the container runs at that path, whatever its name, unless
  // its first line names another interpreter (`#!/usr/bin/env node`)
  const written = candidates.map((c) => writtenAt(rt.written, c)).find((w) => w !== undefined)
  const source = written && writtenSource(written)
  if (written && (viaShell || !source || !/^#!/.test(source.text) || SHELL_SHEBANG.test(source.text))) return { path: written.dest, written, args, source, invokedAs: invokedAs(project, rt, written.dest) }
  if (written) return undefined
  const copied = candidates.map((at) => ({ at, path: resolveFile(project, rt.mounts, at) })).find((c) => c.path !== undefined)
  // a script no COPY puts there is looked for where the working directory's repository directory has it
  const path = copied?.path ?? (viaShell || target.includes('/') ? joinPath(rt.cwd, target) : undefined)
  const text = path === undefined ? undefined : project.cache.get(path)?.text
  if (text === undefined) return undefined
  return viaShell || /\.(sh|bash)$/.test(path!) || SHELL_SHEBANG.test(text) ? { path: path!, source: { text, offsets: (i) => i, file: path!, shell: 'bash' }, args, invokedAs: copied ? invokedAs(project, rt, copied.at) : relativePath(rt.cwd, path!) } : undefined
}

/**
 * `$0` of a script the container starts: the path it was run by, `sh file`'s operand or the path an
 * executed file was found at (https://pubs.opengroup.org/onlinepubs/9699919799/utilities/sh.html),
 * named from the working directory's repository directory, so `$(dirname "$0")/migrate.sh` is the
 * repository file COPY put beside it. Unknown where no COPY says which repository directory the
 * script's container directory holds.
 */
function invokedAs(project: Project, rt: Runtime, at: string): string | undefined {
  const repoDir = mirroredRepoDir(project, rt.mounts, containerDirOf(at))
  const file = repoDir === undefined ? undefined : joinPath(repoDir, basenameOf(at))
  return file === undefined ? undefined : relativePath(rt.cwd, file)
}

/** the script as a step of its own, and the scripts it runs from a directory (`for f in /app/init.d/*.sh`) */
function scriptSteps(project: Project, config: SeedguardConfig, rt: Runtime, command: ImageCommand, { path, source, written, args, invokedAs }: ImageScript): ContextStep[] {
  const base = { span: command.span, cwd: rt.cwd, env: rt.env, reasons: envVarReasons(rt.evidenceEnv, config, command.span) }
  const writtenBy = written ? `, written at ${written.span.file}:${written.span.start.line}` : ''
  // what the build writes in a way seedguard cannot render is reported where it is written
  if (!source) return written && 'unknown' in written ? [{ ...base, label: `${command.label} runs ${path}${writtenBy}`, span: written.span, invoke: [{ kind: 'unresolved', reason: written.unknown }] }] : []
  const step = (file: string, label: string): ContextStep => ({ ...base, label, source: { text: project.cache.get(file)!.text, offsets: (i) => i, file, shell: 'bash' } })
  // the scripts of a directory run with arguments the script chooses: left unknown
  const steps: ContextStep[] = [{ ...base, label: `${command.label} runs ${path}${writtenBy}`, source, args, ...(invokedAs !== undefined && { invokedAs }) }]
  for (const match of source.text.matchAll(/(?:\bin|run-parts)\s+["']?(\/[\w.@/-]+?)\/?(?:\*([\w.]*))?["']?(?=[\s;]|$)/gm)) {
    const suffix = match[2] ?? ''
    for (const file of listDir(project, rt.mounts, containerPath('/', match[1]!))) {
      const shell = /\.(sh|bash)$/.test(file) || SHELL_SHEBANG.test(project.cache.get(file)?.text ?? '')
      if (file !== path && file.endsWith(suffix) && shell) steps.push(step(file, `${path} runs every script in ${match[1]}: ${file}`))
    }
  }
  return steps
}

/** a platform start command (Railway `startCommand`, Render `dockerCommand`) in place of CMD */
export function platformCommand(project: Project, use: ImageUse): ImageCommand {
  const source = use.command!.source
  const lines = project.cache.get(source.file)!
  const span = lines.span(source.offsets(0), source.offsets(source.text.length - 1) + 1)
  const words = plainWords(source.text)
  return { label: use.command!.label, exec: false, words, source, span, at: span.start.offset }
}

export function dedupeSteps(steps: ContextStep[]): ContextStep[] {
  const seen = new Set<string>()
  return steps.filter((s) => {
    // the same script started with another environment is judged again: a guard may hold in one and not the other
    const key = `${s.source?.file}@${s.source?.offsets(0)}@${s.source?.text.length}@${JSON.stringify(s.env)}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
